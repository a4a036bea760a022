/** The run's state in words, for the control bar and the runs table: where it is, or where it stopped. */
import type { TrainingState } from '../state/types';
import { formatCount } from './format';

const LABELS: Record<TrainingState['status'], string> = {
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

/** "Training · epoch 2 of 5 · batch 30 of 844", "Stopped in epoch 1, batch 614 of 844", "Finished: 5 of 5 epochs". */
/**
 * "15,000 of 54,000 images (the rest were still loading)" for an epoch that started while the
 * data streamed in, so it is not mistaken for a full pass; null for a full epoch.
 */
export function partialEpochText(trained: number, planned: number | undefined): string | null {
  if (!planned || trained >= planned) return null;
  return `${formatCount(trained)} of ${formatCount(planned)} images (the rest were still loading)`;
}

export function runStateText(
  training: Pick<TrainingState, 'status' | 'waiting' | 'epoch' | 'epochs' | 'batch' | 'batchesInEpoch' | 'epochHistory'> & Partial<Pick<TrainingState, 'epochExamples' | 'plannedEpochExamples'>>,
): string {
  const { status } = training;
  // A pause takes effect once the batches in flight are done: say so until then.
  if (status === 'paused' && !training.waiting) return 'Pausing…';
  if (status === 'idle') return LABELS.idle;
  if (status === 'stopped' || status === 'error') return `${LABELS[status]} in ${positionText(training)}`;
  if (status === 'done') return `${LABELS.done}: ${training.epochHistory.length} of ${training.epochs} epochs`;
  const parts = [LABELS[status], `epoch ${Math.min(training.epoch + 1, training.epochs)} of ${training.epochs}`];
  if (training.batchesInEpoch > 0) parts.push(`batch ${formatCount(training.batch)} of ${formatCount(training.batchesInEpoch)}`);
  const partial = status === 'training' || status === 'paused' ? partialEpochText(training.epochExamples ?? 0, training.plannedEpochExamples) : null;
  if (partial) parts.push(`on ${partial.replace('were still', 'are still')}`);
  return parts.join(' · ');
}
