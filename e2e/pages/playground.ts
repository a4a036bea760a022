/** Page object: the playground as a person finds it, by roles and labels. */
import { expect, type Page } from '@playwright/test';

export class PlaygroundPage {
  constructor(readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByRole('heading', { name: 'Fashion-MNIST CNN Playground' })).toBeVisible();
  }

  /** The navigation between views. */
  get nav() {
    return this.page.getByRole('navigation', { name: 'Views' });
  }

  /** Opens a view from the navigation (one click), e.g. "Evaluate", "Inside the CNN". */
  async show(view: 'Train' | 'Model' | 'Evaluate' | 'Classify' | 'Inside the CNN' | 'Models' | 'Runs' | 'Data' | 'Lessons' | 'Class'): Promise<void> {
    const link = this.nav.getByRole('link', { name: new RegExp(`${view}$`) });
    await link.click();
    await expect(link).toHaveAttribute('aria-current', 'page');
  }

  get downloadBar() {
    return this.page.getByRole('progressbar', { name: 'Dataset download' });
  }

  get trainButton() {
    return this.page.getByRole('button', { name: 'Train', exact: true });
  }

  get stopButton() {
    return this.page.getByRole('button', { name: 'Stop', exact: true });
  }

  get status() {
    return this.page.getByRole('status', { name: 'Training status' });
  }

  get testAccuracy() {
    return this.page.getByTestId('test-accuracy');
  }

  /** The backend tfjs actually runs (not merely the one requested). */
  async activeBackend(): Promise<string | null> {
    return this.page.getByLabel('Compute backend').locator('[data-backend]').getAttribute('data-backend');
  }

  async waitForAllData(timeout = 120_000): Promise<void> {
    await expect(this.page.getByText(/70,000 of 70,000 images/)).toBeVisible({ timeout });
  }

  /** Parses "84.12%" from the test accuracy display into 0.8412. */
  async testAccuracyValue(): Promise<number> {
    const text = (await this.testAccuracy.textContent()) ?? '';
    return Number(text.replace('%', '')) / 100;
  }
}
