/**
 * A steadier ETA than the engine's instantaneous one. The engine measures examples/s over
 * the last few seconds, so on a busy laptop its ETA swings (14 → 48 → 33 min in two minutes).
 * Here the rate is smoothed exponentially and the ETA is only given once the smoothed rate
 * has settled; until then the caller says "estimating…".
 */
export interface EtaSmoothingOptions {
  /** Weight of each new rate in the moving average, in (0, 1]. */
  readonly alpha: number;
  /** Updates the smoothed rate must have settled over before an ETA is given. */
  readonly settleUpdates: number;
  /** Largest relative spread (max − min) / mean of the smoothed rate over those updates. */
  readonly tolerance: number;
}

const DEFAULTS: EtaSmoothingOptions = { alpha: 0.15, settleUpdates: 8, tolerance: 0.12 };

export class EtaSmoother {
  private smoothed: number | null = null;
  private recent: number[] = [];
  private readonly options: EtaSmoothingOptions;

  constructor(options: Partial<EtaSmoothingOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Forgets everything (a new run, a reset). */
  reset(): void {
    this.smoothed = null;
    this.recent = [];
  }

  /**
   * Feeds one progress update: the engine's examples/s and its ETA at that rate. Returns the
   * smoothed ETA in seconds, or null while it is not stable yet (or nothing is known).
   */
  update(examplesPerSecond: number | null, etaSeconds: number | null): number | null {
    if (examplesPerSecond === null || etaSeconds === null || !(examplesPerSecond > 0) || !Number.isFinite(etaSeconds)) return null;
    const { alpha, settleUpdates, tolerance } = this.options;
    this.smoothed = this.smoothed === null ? examplesPerSecond : alpha * examplesPerSecond + (1 - alpha) * this.smoothed;
    this.recent.push(this.smoothed);
    if (this.recent.length > settleUpdates) this.recent.shift();
    if (this.recent.length < settleUpdates) return null;
    const mean = this.recent.reduce((a, b) => a + b, 0) / this.recent.length;
    const spread = (Math.max(...this.recent) - Math.min(...this.recent)) / mean;
    if (spread > tolerance) return null;
    // The engine's ETA is remaining examples at its own rate: re-price them at the smoothed one.
    const remainingExamples = etaSeconds * examplesPerSecond;
    return remainingExamples / this.smoothed;
  }
}
