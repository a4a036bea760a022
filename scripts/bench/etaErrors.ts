/**
 * The ETA benchmark's arithmetic (scripts/bench/eta.ts): reading "about 4 min 30 s left" back
 * into seconds, and the error of the shown ETA at given fractions of a run against the time
 * that was really left.
 */

export interface EtaSample {
  /** Seconds since Train was clicked. */
  readonly t: number;
  /** The status line, e.g. "Training · epoch 2 of 5 · batch 300 of 844", "Finished: 5 of 5 epochs". */
  readonly status: string;
  /** The time left shown, in seconds (null while measuring or when none is shown). */
  readonly eta: number | null;
}

export interface EtaErrorAt {
  readonly fraction: number;
  /** When the sample was taken (s since the click). */
  readonly t: number;
  /** What the page said was left, and what really was (s). */
  readonly shown: number | null;
  readonly actual: number;
  /** (shown − actual) / actual; null if nothing was shown. */
  readonly error: number | null;
  /** The same over every sample within ±2.5% of the run around that point (the shown ETA is rounded). */
  readonly meanError: number | null;
}

export interface EtaErrors {
  readonly totalSeconds: number;
  readonly at: EtaErrorAt[];
}

/** "about 4 min 30 s left" → 270, "about 1 h 5 min left" → 3900; null for "ETA: measuring…" or "ETA –". */
export function parseShownDuration(text: string): number | null {
  const m = /about\s+(?:(\d+)\s*h)?\s*(?:(\d+)\s*min)?\s*(?:(\d+)\s*s)?\s+left/.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** The run ends at the first sample whose status says it finished (or stopped). */
export function etaErrors(samples: readonly EtaSample[], fractions: readonly number[] = [0.1, 0.5, 0.9]): EtaErrors {
  const end = samples.find((s) => /^(Finished|Stopped)/.test(s.status));
  if (!end) throw new Error('The run did not finish: no sample says "Finished".');
  const total = end.t;
  const error = (s: EtaSample) => (s.eta === null ? null : (s.eta - (total - s.t)) / (total - s.t));
  const at = fractions.map((fraction) => {
    const target = fraction * total;
    const running = samples.filter((s) => s.t < total);
    const nearest = running.reduce((best, s) => (Math.abs(s.t - target) < Math.abs(best.t - target) ? s : best), running[0]);
    const near = running.filter((s) => Math.abs(s.t - target) <= 0.025 * total).map(error).filter((e): e is number => e !== null);
    return {
      fraction,
      t: nearest.t,
      shown: nearest.eta,
      actual: total - nearest.t,
      error: error(nearest),
      meanError: near.length ? near.reduce((a, b) => a + b, 0) / near.length : null,
    };
  });
  return { totalSeconds: total, at };
}
