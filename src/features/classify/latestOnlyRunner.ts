/**
 * Runs async work on the latest input only, one job at a time. While a prediction is
 * running, newer requests replace each other, so a burst of brush strokes costs at most
 * one extra prediction, and results never arrive out of order.
 */
import { yieldToHost } from '../../ml/training/yieldToHost';

export type RunOutcome<I, O> = { readonly input: I; readonly output: O } | { readonly input: I; readonly error: unknown };

export class LatestOnlyRunner<I, O> {
  private pending: { input: I } | null = null;
  private running = false;
  private disposed = false;

  constructor(
    private readonly work: (input: I) => Promise<O>,
    private readonly report: (outcome: RunOutcome<I, O>) => void,
  ) {}

  /** Schedules `input`; replaces any request that has not started yet. */
  request(input: I): void {
    if (this.disposed) return;
    this.pending = { input };
    if (!this.running) void this.drain();
  }

  /** True while a job runs or waits. */
  get busy(): boolean {
    return this.running;
  }

  /** Drops waiting work and silences results of the job in flight. */
  dispose(): void {
    this.disposed = true;
    this.pending = null;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.pending && !this.disposed) {
        const { input } = this.pending;
        this.pending = null;
        let outcome: RunOutcome<I, O>;
        try {
          outcome = { input, output: await this.work(input) };
        } catch (error) {
          outcome = { input, error };
        }
        if (!this.disposed) this.report(outcome);
        // Let the page paint and handle pointer input before the next job.
        await yieldToHost();
      }
    } finally {
      this.running = false;
    }
  }
}
