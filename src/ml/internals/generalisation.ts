/**
 * Reading the train vs validation curves for the overfitting explanation: is a gap
 * opening between how well the network does on the examples it trains on and on held-out
 * ones? Pure function of the epoch history.
 *
 * Note on early epochs: the training accuracy of an epoch is the average over its
 * batches while the weights were still improving, but validation is measured at the end
 * of the epoch, so validation can look better than training at first. A gap only means
 * something once training accuracy has caught up.
 */

export interface EpochPoint {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number | null;
  readonly valAccuracy: number | null;
}

export type GeneralisationStatus = 'no-epochs' | 'no-validation' | 'fitting' | 'gap-opening' | 'overfitting';

export interface GeneralisationReading {
  readonly status: GeneralisationStatus;
  /** Last epoch (0-based), or -1 when there is none. */
  readonly epoch: number;
  readonly trainAccuracy: number | null;
  readonly valAccuracy: number | null;
  /** trainAccuracy - valAccuracy in the last epoch (positive: better on the training examples). */
  readonly gap: number | null;
  /** Epoch (0-based) with the lowest validation loss: where early stopping would keep the weights. */
  readonly bestValLossEpoch: number | null;
  /** Validation loss has risen for the last `risingEpochs` epochs while training loss fell. */
  readonly valLossRising: boolean;
}

/** Accuracy gap (fraction) from which the gap is pointed out. */
export const GAP_OPENING = 0.03;
/** Accuracy gap from which the network is called overfitting even if validation loss still falls. */
export const GAP_OVERFITTING = 0.08;

export function readGeneralisation(history: readonly EpochPoint[], risingEpochs = 2): GeneralisationReading {
  const last = history[history.length - 1];
  if (!last) return { status: 'no-epochs', epoch: -1, trainAccuracy: null, valAccuracy: null, gap: null, bestValLossEpoch: null, valLossRising: false };
  const withVal = history.filter((e) => e.valLoss !== null && e.valAccuracy !== null);
  if (last.valAccuracy === null || last.valLoss === null || withVal.length === 0) {
    return { status: 'no-validation', epoch: last.epoch, trainAccuracy: last.accuracy, valAccuracy: null, gap: null, bestValLossEpoch: null, valLossRising: false };
  }
  const gap = last.accuracy - last.valAccuracy;
  const best = withVal.reduce((a, b) => ((b.valLoss as number) < (a.valLoss as number) ? b : a));
  const tail = history.slice(-(risingEpochs + 1));
  const valLossRising =
    tail.length === risingEpochs + 1 &&
    tail.every((e, i) => i === 0 || (e.valLoss !== null && tail[i - 1].valLoss !== null && e.valLoss > (tail[i - 1].valLoss as number) && e.loss < tail[i - 1].loss));
  const status: GeneralisationStatus = valLossRising || gap >= GAP_OVERFITTING ? 'overfitting' : gap >= GAP_OPENING ? 'gap-opening' : 'fitting';
  return { status, epoch: last.epoch, trainAccuracy: last.accuracy, valAccuracy: last.valAccuracy, gap, bestValLossEpoch: best.epoch, valLossRising };
}
