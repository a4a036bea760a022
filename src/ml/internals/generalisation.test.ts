import { describe, expect, it } from 'vitest';
import { readGeneralisation, type EpochPoint } from './generalisation';

const epoch = (e: number, accuracy: number, valAccuracy: number | null, loss = 1 - accuracy, valLoss: number | null = valAccuracy === null ? null : 1 - valAccuracy): EpochPoint => ({
  epoch: e,
  loss,
  accuracy,
  valLoss,
  valAccuracy,
});

describe('readGeneralisation', () => {
  it('says nothing before the first epoch or without a validation split', () => {
    expect(readGeneralisation([]).status).toBe('no-epochs');
    expect(readGeneralisation([epoch(0, 0.8, null)]).status).toBe('no-validation');
  });

  it('calls close curves fitting, even when validation is ahead early on', () => {
    const r = readGeneralisation([epoch(0, 0.75, 0.8), epoch(1, 0.84, 0.85)]);
    expect(r.status).toBe('fitting');
    expect(r.gap).toBeCloseTo(-0.01, 10);
  });

  it('points at a gap that opens, then at overfitting', () => {
    const opening = readGeneralisation([epoch(0, 0.8, 0.8), epoch(1, 0.9, 0.86)]);
    expect(opening.status).toBe('gap-opening');
    expect(opening.gap).toBeCloseTo(0.04, 10);
    expect(readGeneralisation([epoch(0, 0.9, 0.85), epoch(1, 0.97, 0.87)]).status).toBe('overfitting');
  });

  it('detects validation loss rising while training loss falls, and where early stopping would stop', () => {
    const history = [epoch(0, 0.8, 0.8, 0.5, 0.5), epoch(1, 0.85, 0.84, 0.4, 0.42), epoch(2, 0.87, 0.85, 0.35, 0.44), epoch(3, 0.88, 0.855, 0.3, 0.47)];
    const r = readGeneralisation(history);
    expect(r.valLossRising).toBe(true);
    expect(r.status).toBe('overfitting');
    expect(r.bestValLossEpoch).toBe(1);
    expect(readGeneralisation(history.slice(0, 3)).valLossRising).toBe(false);
  });
});
