/** Page object: the evaluation panel, found by roles and labels. */
import { expect, type Locator, type Page } from '@playwright/test';

/** "True Shirt, predicted T-shirt/top: 123 images" (cell buttons). */
const CELL_LABEL = /^True (.+), predicted (.+): ([\d,]+) images?/;
/** "True Shirt, predicted T-shirt/top, 71% (wrong)" (example images). */
const EXAMPLE_LABEL = /^True (.+), predicted (.+), (\d+)% \((correct|wrong)\)$/;

export interface MatrixCell {
  readonly trueClass: string;
  readonly predictedClass: string;
  readonly count: number;
}

export interface ExampleLabel {
  readonly trueClass: string;
  readonly predictedClass: string;
  readonly percent: number;
  readonly verdict: 'correct' | 'wrong';
}

export interface ReportRow {
  readonly name: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

const toNumber = (text: string) => Number(text.replace(/,/g, ''));

export function parseExampleLabel(label: string | null): ExampleLabel {
  const m = EXAMPLE_LABEL.exec(label ?? '');
  if (!m) throw new Error(`not an example label: ${label}`);
  return { trueClass: m[1], predictedClass: m[2], percent: Number(m[3]), verdict: m[4] as 'correct' | 'wrong' };
}

export class EvaluationPanel {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByRole('region', { name: 'Evaluation on the test set' });
  }

  /** The sentence saying which evaluation is shown ("After epoch 2 of 5, …" / "Final, …"). */
  get source(): Locator {
    return this.panel.getByText(/^(After epoch \d+ of \d+|Final)/);
  }

  get matrixTable(): Locator {
    return this.panel.getByRole('table', { name: /Rows: true class/ });
  }

  get reportTable(): Locator {
    return this.panel.getByRole('table', { name: /Precision, recall, F1-score and support per class/ });
  }

  get perClassChart(): Locator {
    return this.panel.getByTestId('per-class-accuracy-chart');
  }

  get sampleGrid(): Locator {
    return this.panel.getByRole('list', { name: 'Sample predictions' });
  }

  get pairs(): Locator {
    return this.panel.getByRole('region', { name: 'Most-confused pairs' });
  }

  /** The gallery of one cell: a region named after its pair. */
  gallery(cell?: Pick<MatrixCell, 'trueClass' | 'predictedClass'>): Locator {
    const name = cell ? `True ${cell.trueClass}, predicted ${cell.predictedClass}` : /^True .+, predicted .+$/;
    return this.panel.getByRole('region', { name, exact: true });
  }

  async showValues(view: 'Counts' | '% of each true class'): Promise<void> {
    await this.panel.getByRole('radio', { name: view }).check();
  }

  async showSamples(view: 'All' | 'Mistakes only' | 'Least confident'): Promise<void> {
    await this.panel.getByRole('radio', { name: view, exact: true }).check();
  }

  cellButton(cell: MatrixCell): Locator {
    return this.matrixTable.getByRole('button', { name: `True ${cell.trueClass}, predicted ${cell.predictedClass}:` });
  }

  /** All 100 cells, row by row, read from the buttons' accessible names. */
  async readMatrix(): Promise<MatrixCell[]> {
    const buttons = this.matrixTable.getByRole('button');
    await expect(buttons).toHaveCount(100);
    const labels = await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    return labels.map((label) => {
      const m = CELL_LABEL.exec(label);
      if (!m) throw new Error(`not a cell label: ${label}`);
      return { trueClass: m[1], predictedClass: m[2], count: toNumber(m[3]) };
    });
  }

  /** Report rows by their header: 10 classes, then Accuracy, Macro avg, Weighted avg. */
  async readReport(): Promise<Map<string, ReportRow>> {
    const rows = await this.reportTable.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', ...Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')]),
    );
    return new Map(
      rows.map(([name, p, r, f, s]) => [name, { name, precision: Number(p), recall: Number(r), f1: Number(f), support: toNumber(s) }]),
    );
  }

  /** Accessible names of the example images in `container`. */
  async exampleLabels(container: Locator): Promise<ExampleLabel[]> {
    const names = await container.getByRole('img').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    return names.map(parseExampleLabel);
  }
}
