/** Examples/second over a sliding window of recent batches, and the ETA it implies. */
export class ThroughputMeter {
  private readonly samples: { time: number; examples: number }[] = [];

  constructor(
    private readonly windowMs = 5000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Call when a batch of `examples` has finished. */
  record(examples: number): void {
    const time = this.now();
    this.samples.push({ time, examples });
    while (this.samples.length > 2 && time - this.samples[0].time > this.windowMs) this.samples.shift();
  }

  /** Mark a break (pause, validation) so idle time is not counted as slowness. */
  reset(): void {
    this.samples.length = 0;
    this.samples.push({ time: this.now(), examples: 0 });
  }

  /** Examples/second, or null until two measurements exist. */
  get examplesPerSecond(): number | null {
    if (this.samples.length < 2) return null;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const seconds = (last.time - first.time) / 1000;
    if (seconds <= 0) return null;
    const examples = this.samples.slice(1).reduce((sum, s) => sum + s.examples, 0);
    return examples / seconds;
  }

  etaSeconds(remainingExamples: number): number | null {
    const rate = this.examplesPerSecond;
    return rate && rate > 0 ? remainingExamples / rate : null;
  }
}
