/**
 * Each preset's measured time to accuracy, written by a full `npm run bench` run
 * (presetTimings.json) and shown beside the preset's description.
 */
import measured from './presetTimings.json';
import type { PresetId } from './presets';

export interface PresetTiming {
  /** Per threshold label ("90%"), the first time the test accuracy reached it, or null. */
  readonly reached: Readonly<Record<string, { readonly trainSeconds: number; readonly wallSeconds: number; readonly epoch: number } | null>>;
  /** The run's last score (after its planned epochs, or at the benchmark's time cap). */
  readonly last: { readonly epoch: number; readonly trainSeconds: number; readonly testAccuracy: number };
  readonly capped: boolean;
  readonly examplesPerSecond: number;
  /** When this preset was measured (YYYY-MM-DD); a run of a few presets keeps the others' rows. */
  readonly date?: string;
}

export interface PresetTimings {
  /** Where (and, in older files, when), e.g. "a 2-core CPU without a GPU (WebAssembly)". */
  readonly measuredOn: string;
  readonly presets: Readonly<Partial<Record<PresetId | string, PresetTiming>>>;
}

const TIMINGS = measured as PresetTimings;

export const presetTimingsMeasuredOn = (): string => TIMINGS.measuredOn;

export function presetTiming(id: PresetId): PresetTiming | null {
  return TIMINGS.presets[id] ?? null;
}

const secondsText = (seconds: number) => {
  const s = Math.round(seconds);
  return s < 90 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

/**
 * One line a student can act on, e.g. "On a 2-core CPU without a GPU (WebAssembly): 90% test
 * accuracy after 1 min 35 s of training, 91% after 2 min 28 s." Null when never measured.
 */
export function describePresetTiming(id: PresetId): string | null {
  const timing = presetTiming(id);
  if (!timing) return null;
  const reached = Object.entries(timing.reached).filter((entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== null);
  const shown = reached.slice(-2);
  const where = `Measured on ${TIMINGS.measuredOn}${timing.date ? `, ${timing.date}` : ''}`;
  const accuracy = `${(100 * timing.last.testAccuracy).toFixed(1)}%`;
  const stopped = timing.capped ? ' (where the benchmark stopped it)' : '';
  if (shown.length === 0) return `${where}: ${accuracy} after ${secondsText(timing.last.trainSeconds)} of training${stopped}.`;
  // The last score, said once: "…; 90.5% after 4 min 22 s", or ", ending at 91.1%" when it is the
  // evaluation that passed the last threshold shown.
  const lastShown = shown[shown.length - 1][1].trainSeconds;
  const final = timing.last.trainSeconds === lastShown ? `, ending at ${accuracy}${stopped}` : `; ${accuracy} after ${secondsText(timing.last.trainSeconds)} of training${stopped}`;
  // Two thresholds first passed at the same evaluation read as one: "90% and 91% … after 3 min 26 s".
  if (shown.length === 2 && shown[0][1].trainSeconds === lastShown) {
    return `${where}: ${shown[0][0]} and ${shown[1][0]} test accuracy after ${secondsText(lastShown)} of training${final}.`;
  }
  const parts = shown.map(([label, r], i) => `${label}${i === 0 ? ' test accuracy' : ''} after ${secondsText(r.trainSeconds)}${i === 0 ? ' of training' : ''}`);
  return `${where}: ${parts.join(', ')}${final}.`;
}
