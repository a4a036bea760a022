/**
 * Run control shared by the UI and the training loop: pause, resume, and single steps.
 * Stopping is an AbortSignal, so the loop also stops for any other abort reason.
 */
export type RunState = 'running' | 'paused';

export class TrainingControl {
  private state: RunState = 'running';
  private stepsAllowed = 0;
  private wake: (() => void) | null = null;

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
