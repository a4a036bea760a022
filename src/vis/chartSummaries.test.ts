import { describe, expect, it } from 'vitest';
import { barChartSummary, confusionMatrixSummary, formatValue, lineChartSummary } from './chartSummaries';

describe('formatValue', () => {
  it('keeps three significant digits without trailing zeros', () => {
    expect(formatValue(0.53219)).toBe('0.532');
    expect(formatValue(2.3)).toBe('2.3');
    expect(formatValue(1234.5)).toBe('1230');
    expect(formatValue(NaN)).toBe('NaN');
  });
});

describe('lineChartSummary', () => {
  it('gives each series its latest value and where it started, then the markers', () => {
    const text = lineChartSummary(
      [
        { name: 'loss', points: [{ x: 1, y: 2.302 }, { x: 2, y: 1.1 }, { x: 120, y: 0.5312 }] },
        { name: 'validation', points: [] },
      ],
      'Batch',
      'Loss',
      [{ x: 30, label: 'learning rate 0.001 → 0.005' }],
    );
    expect(text).toBe('Loss by batch. loss: 0.531 at batch 120 (started at 2.3). Marked: learning rate 0.001 → 0.005 at batch 30.');
  });

  it('says when there is nothing to read yet', () => {
    expect(lineChartSummary([{ name: 'train', points: [{ x: 1, y: 0.8 }] }], 'Epoch', 'Accuracy')).toBe('Accuracy by epoch. train: 0.8 at epoch 1.');
    expect(lineChartSummary([], 'Epoch', 'Accuracy')).toBe('Accuracy by epoch. No data yet.');
  });
});

describe('barChartSummary', () => {
  it('lists every bar in order and names the highest', () => {
    const bars = [
      { label: 'Shirt', value: 0.1 },
      { label: 'Trouser', value: 0.85 },
      { label: 'Bag', value: 0.05 },
    ];
    const percent = (v: number) => `${(v * 100).toFixed(1)} %`;
    expect(barChartSummary(bars, 'Probability by class', percent)).toBe(
      'Probability by class: Shirt 10.0 %, Trouser 85.0 %, Bag 5.0 %. Highest: Trouser 85.0 %.',
    );
    expect(barChartSummary([], 'Accuracy')).toBe('Accuracy: no data.');
  });
});

describe('confusionMatrixSummary', () => {
  it('reads the diagonal and the most common mistake', () => {
    const text = confusionMatrixSummary(
      [
        [8, 2, 0],
        [1, 9, 0],
        [0, 5, 5],
      ],
      ['Shirt', 'Coat', 'Bag'],
      'image counts',
    );
    expect(text).toBe('Confusion matrix (image counts). Correct per class: Shirt 8, Coat 9, Bag 5. Most common mistake: Bag taken for Coat (5).');
    expect(confusionMatrixSummary([[3, 0], [0, 4]], ['A', 'B'], 'image counts')).toMatch(/No mistakes\.$/);
  });
});
