/**
 * Quick-start run sizes offered next to Train, and how long a run would take on this machine,
 * priced at the speed measured here (never a fixed sentence: a laptop CPU and a desktop GPU
 * differ by 50×).
 */
import type { RunConfig } from '../ml/config/runConfig';
import type { AppState } from './appState';
import { selectModelAnalysis } from './selectors';
import { EVALUATION_COST } from './runPace';

export type RunSizeId = 'quick' | 'good' | 'full';

export interface RunSize {
  readonly id: RunSizeId;
  readonly label: string;
  readonly settings: Pick<RunConfig, 'trainSize' | 'testSize' | 'epochs'>;
}

export const RUN_SIZES: readonly RunSize[] = [
  { id: 'quick', label: 'Quick look', settings: { trainSize: 3_000, testSize: 2_000, epochs: 1 } },
  { id: 'good', label: 'Good model', settings: { trainSize: 60_000, testSize: 10_000, epochs: 1 } },
  { id: 'full', label: 'Full run', settings: { trainSize: 60_000, testSize: 10_000, epochs: 5 } },
];

/** The size the settings match, or null for a custom setup. */
export function matchingRunSize(config: RunConfig): RunSizeId | null {
  const match = RUN_SIZES.find((s) => s.settings.trainSize === config.trainSize && s.settings.testSize === config.testSize && s.settings.epochs === config.epochs);
  return match?.id ?? null;
}


/** Seconds a run with `config` takes at `examplesPerSecond` (training examples per second). */
export function estimateRunSeconds(config: Pick<RunConfig, 'trainSize' | 'testSize' | 'epochs' | 'validationSplit'>, examplesPerSecond: number): number {
  const validation = Math.floor(config.trainSize * config.validationSplit);
  const trained = (config.trainSize - validation) * config.epochs;
  const evaluated = validation * config.epochs + config.testSize;
  return (trained + evaluated * EVALUATION_COST) / examplesPerSecond;
}

/**
 * Training examples per second measured in this tab: the current run's, or else the last
 * finished run's average (its time includes testing, so it errs on the slow side). Null
 * before anything has been measured.
 */
export function selectMeasuredSpeed(s: AppState): number | null {
  // The page's own measurement (a window of the run's training time): steady, unlike the engine's instantaneous rate.
  if (s.measuredSpeed !== null && s.measuredSpeed > 0) return s.measuredSpeed;
  for (let i = s.runs.length - 1; i >= 0; i--) {
    const run = s.runs[i];
    const examples = run.batches.length * run.config.batchSize;
    if (run.seconds > 0 && examples > 0) return examples / run.seconds;
  }
  return null;
}

/** A speed to price runs at: measured in this tab, or else expected for this network and backend. */
export interface RunSpeed {
  readonly examplesPerSecond: number;
  /** False: not measured yet, expected from the resource budget's typical speed of this backend. */
  readonly measured: boolean;
}

/**
 * The measured speed, or before any run the resource budget's expectation for this network,
 * batch size and backend (calibrated on the default CNN; a real run replaces it). Null while no
 * backend is up or the network is not valid.
 */
export function selectRunSpeed(s: AppState): RunSpeed | null {
  const measured = selectMeasuredSpeed(s);
  if (measured !== null) return { examplesPerSecond: measured, measured: true };
  const budget = selectModelAnalysis(s).budget;
  if (!budget || !(budget.secondsPerBatch > 0)) return null;
  return { examplesPerSecond: s.config.batchSize / budget.secondsPerBatch, measured: false };
}
