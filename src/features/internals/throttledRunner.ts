/**
 * Runs an async task (one internals update) so that updates never pile up while the
 * network trains: at most one run at a time, live requests at most once per interval,
 * and a request made during a run is served once, right after it.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ThrottledRunner {
  private running = false;
  private pending: 'none' | 'soon' | 'now' = 'none';
  private timer: unknown = null;
  private lastStart = -Infinity;
  private disposed = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly clock: Clock = realClock,
  ) {}

  /** Run as soon as the current run (if any) finishes: the user changed something. */
  now(): void {
    this.pending = 'now';
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
    this.schedule();
  }

  /** Run at most once per interval: the model changed by training. */
  soon(): void {
    if (this.pending === 'none') this.pending = 'soon';
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  get busy(): boolean {
    return this.running;
  }

  private schedule(): void {
    if (this.disposed || this.running || this.timer !== null || this.pending === 'none') return;
    const wait = this.pending === 'now' ? 0 : Math.max(0, this.lastStart + this.intervalMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, wait);
  }

  private async run(): Promise<void> {
    if (this.disposed || this.pending === 'none') return;
    this.pending = 'none';
    this.running = true;
    this.lastStart = this.clock.now();
    try {
      await this.task();
    } finally {
      this.running = false;
      this.schedule();
    }
  }
}
