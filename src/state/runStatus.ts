/**
 * The one source of truth for what the page says about the run: whether Train can be pressed,
 * why not, where the run is, and which model the views use. The control bar, the phone bar,
 * the instructor's shortcut messages, Classify and Evaluate all read it, so they can never
 * contradict each other ("Loading… 14%" beside "Ready to train" cannot happen: there is one text).
 */
import { formatCount, formatPercent } from './format';
import type { ModelInfo, TrainingState } from '../protocol/engineState';
import type { AppState } from './appState';
import { selectBusy, selectCanTrain, selectTrainBlockers } from './selectors';

export type RunPhase =
  | 'starting'
  | 'backendError'
  | 'dataError'
  | 'loading'
  | 'noModel'
  | 'blocked'
  | 'ready'
  | 'training'
  | 'pausing'
  | 'paused'
  | 'validating'
  | 'evaluating'
  | 'done'
  | 'stopped'
  | 'error';

export interface RunStatus {
  readonly phase: RunPhase;
  /** One sentence for the status line: "Loading the images… 14%", "Training · epoch 2 of 5 · batch 30 of 844". */
  readonly text: string;
  /** Train can be pressed now. */
  readonly canStart: boolean;
  /** A run is in progress (training, paused, validating or testing). */
  readonly busy: boolean;
  /** Where a stopped or failed run ended: "epoch 2, batch 770 of 844"; null otherwise. */
  readonly endedAt: string | null;
  /** The active model in a few words, for the control bar: "Simple CNN (training, epoch 2)". */
  readonly model: string;
  /** The same, in full (tooltips, screen readers, Classify). */
  readonly modelLong: string;
}

const RUN_LABELS: Record<TrainingState['status'], string> = {
  idle: 'Ready to train',
  training: 'Training',
  paused: 'Paused',
  validating: 'Validating',
  evaluating: 'Evaluating on the test set',
  done: 'Finished',
  stopped: 'Stopped',
  error: 'Training failed',
};

/** "epoch 1, batch 614 of 844" (epoch 0-based in, counted from 1 out). */
export function positionText(at: { readonly epoch: number; readonly batch: number; readonly batchesInEpoch: number }): string {
  const epoch = `epoch ${at.epoch + 1}`;
  return at.batchesInEpoch > 0 ? `${epoch}, batch ${formatCount(at.batch)} of ${formatCount(at.batchesInEpoch)}` : epoch;
}

/**
 * "15,000 of 54,000 images (the rest were still loading)" for an epoch that started while the
 * data streamed in (older saved runs), so it is not mistaken for a full pass; null for a full epoch.
 */
export function partialEpochText(trained: number, planned: number | undefined): string | null {
  if (!planned || trained >= planned) return null;
  return `${formatCount(trained)} of ${formatCount(planned)} images (the rest were still loading)`;
}

/** Where a run is or ended, in words: "Training · epoch 2 of 5 · batch 30 of 844", "Stopped in epoch 1, batch 614 of 844". */
export function runStateText(
  training: Pick<TrainingState, 'status' | 'waiting' | 'epoch' | 'epochs' | 'batch' | 'batchesInEpoch' | 'epochHistory'>,
): string {
  const { status } = training;
  // A pause takes effect once the batches in flight are done: say so until then.
  if (status === 'paused' && !training.waiting) return 'Pausing…';
  if (status === 'idle') return RUN_LABELS.idle;
  if (status === 'stopped' || status === 'error') return `${RUN_LABELS[status]} in ${positionText(training)}`;
  if (status === 'done') return `${RUN_LABELS.done}: ${training.epochHistory.length} of ${training.epochs} epochs`;
  const parts = [RUN_LABELS[status], `epoch ${Math.min(training.epoch + 1, training.epochs)} of ${training.epochs}`];
  if (training.batchesInEpoch > 0 && status !== 'evaluating') parts.push(`batch ${formatCount(training.batch)} of ${formatCount(training.batchesInEpoch)}`);
  return parts.join(' · ');
}

const SOURCE: Record<ModelInfo['source'], string> = {
  untrained: 'untrained',
  trained: 'trained in this tab',
  pretrained: 'pretrained',
  saved: 'saved in this browser',
  imported: 'imported',
};

/** "Pretrained CNN (pretrained, 92.1% on 10,000 test images)": which model the views use, outside a run. */
export function describeModel(model: ModelInfo): string {
  if (!model.ready) return model.error ? 'none (see the Model view)' : 'not built yet';
  const test = model.test ? `, ${formatPercent(model.test.accuracy, 1)} on ${formatCount(model.test.count)} test images` : '';
  return `${model.name} (${SOURCE[model.source]}${test})`;
}

function modelTexts(s: AppState, busy: boolean): { model: string; modelLong: string } {
  const { model, training } = s;
  if (busy) {
    // During a run the active model is the one being trained, whatever its revision said at the start.
    const where = training.status === 'evaluating' ? 'being tested' : `training, epoch ${Math.min(training.epoch + 1, training.epochs)}`;
    return { model: `${model.name} (${where})`, modelLong: `${model.name}, ${where === 'being tested' ? 'being tested' : `in training (epoch ${Math.min(training.epoch + 1, training.epochs)} of ${training.epochs})`}` };
  }
  // The shipped model is on its way: never call the placeholder network "untrained" meanwhile.
  if (s.pretrained.status === 'loading' && model.source === 'untrained' && model.batchesTrained === 0) {
    return { model: 'loading the pretrained model…', modelLong: 'loading the pretrained model…' };
  }
  if (!model.ready) {
    const short = model.error ? 'none' : '…';
    return { model: short, modelLong: describeModel(model) };
  }
  const detail = model.test ? formatPercent(model.test.accuracy, 1) : SOURCE[model.source];
  return { model: `${model.name} (${detail})`, modelLong: describeModel(model) };
}

function idleText(s: AppState): { phase: RunPhase; text: string } {
  if (s.backend.status === 'starting') return { phase: 'starting', text: 'Starting TensorFlow.js…' };
  if (s.backend.status === 'error') return { phase: 'backendError', text: 'TensorFlow.js could not start.' };
  if (s.data.error) return { phase: 'dataError', text: 'The dataset failed to load: see the Data view.' };
  if (!s.model.ready) return s.model.error ? { phase: 'noModel', text: 'The network cannot be built here: see the Model view.' } : { phase: 'starting', text: 'Building the network…' };
  if (!selectCanTrain(s)) {
    const p = s.data.progress;
    const percent = p?.totalBytes ? Math.floor((100 * p.loadedBytes) / p.totalBytes) : 0;
    return { phase: 'loading', text: `Loading the images… ${percent}%` };
  }
  if (selectTrainBlockers(s).length > 0) return { phase: 'blocked', text: 'Train is disabled: fix the settings listed below.' };
  return { phase: 'ready', text: 'Ready to train' };
}

let last: { state: AppState; value: RunStatus } | null = null;

/** The run's status, derived from the store (cached per state, so selectors can compare it with Object.is). */
export function selectRunStatus(s: AppState): RunStatus {
  if (last && last.state === s) return last.value;
  const busy = selectBusy(s);
  const { training } = s;
  let phase: RunPhase;
  let text: string;
  if (busy) {
    phase = training.status === 'paused' ? (training.waiting ? 'paused' : 'pausing') : (training.status as RunPhase);
    text = runStateText(training);
  } else {
    ({ phase, text } = idleText(s));
    // After a run, say how it ended until the next one starts (Train is then ready again).
    if (training.status === 'done' || training.status === 'stopped' || training.status === 'error') {
      const ended = runStateText(training);
      text = phase === 'ready' ? ended : `${ended}. ${text}`;
      if (phase === 'ready') phase = training.status;
    }
  }
  const endedAt = training.status === 'stopped' || training.status === 'error' ? positionText(training) : null;
  const canStart = !busy && (phase === 'ready' || phase === 'done' || phase === 'stopped' || phase === 'error');
  const value: RunStatus = { phase, text, canStart, busy, endedAt, ...modelTexts(s, busy) };
  // Keep the same object while nothing the page says has changed (fewer re-renders).
  const prev = last?.value;
  const same = prev && (Object.keys(value) as (keyof RunStatus)[]).every((k) => prev[k] === value[k]);
  last = { state: s, value: same ? prev : value };
  return last.value;
}
