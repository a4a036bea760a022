/**
 * Run control shared by the UI and the training loop: pause, resume, single steps, and
 * learning-rate changes (applied before the next batch).
 * Stopping is an AbortSignal, so the loop also stops for any other abort reason.
 */
export type RunState = 'running' | 'paused';

export class TrainingControl {
  private state: RunState = 'running';
  private stepsAllowed = 0;
  private wake: (() => void) | null = null;
  private requestedLearningRate: number | null = null;

  get paused(): boolean {
    return this.state === 'paused';
  }

  pause(): void {
    this.state = 'paused';
  }

  resume(): void {
    this.state = 'running';
    this.release();
  }

  /** While paused, lets exactly one more batch run. */
  step(): void {
    this.stepsAllowed++;
    this.release();
  }

  /** Asks the loop to use this learning rate from the next batch on (the latest request wins). */
  requestLearningRate(learningRate: number): void {
    this.requestedLearningRate = learningRate;
  }

  /** The pending learning-rate request, if any, which it clears. */
  takeLearningRateRequest(): number | null {
    const requested = this.requestedLearningRate;
    this.requestedLearningRate = null;
    return requested;
  }

  /** Resolves when the next batch may run; rejects nothing: returns false if aborted. */
  async waitForTurn(signal?: AbortSignal): Promise<boolean> {
    while (this.state === 'paused' && this.stepsAllowed === 0) {
      if (signal?.aborted) return false;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
    if (signal?.aborted) return false;
    if (this.state === 'paused') this.stepsAllowed--;
    return true;
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
