/**
 * Early stopping as in Keras: after each epoch, compare the monitored metric with the best
 * so far; after `patience` epochs without improvement, stop. Optionally keep a copy of the
 * best epoch's weights to restore when stopping.
 */
import * as tf from '@tensorflow/tfjs';

export const MONITORS = ['val_loss', 'val_accuracy', 'loss', 'accuracy'] as const;
export type Monitor = (typeof MONITORS)[number];

export interface EarlyStoppingConfig {
  readonly monitor: Monitor;
  readonly patience: number;
  readonly restoreBestWeights: boolean;
}

export type EarlyStoppingVerdict = 'improved' | 'waiting' | 'stop';

/** Tracks the best value of the monitored metric; lower is better for losses, higher for accuracy. */
export class EarlyStoppingTracker {
  private best: number | null = null;
  private bestEpochIndex = -1;
  private wait = 0;

  constructor(private readonly config: Pick<EarlyStoppingConfig, 'monitor' | 'patience'>) {}

  get bestValue(): number | null {
    return this.best;
  }

  get bestEpoch(): number {
    return this.bestEpochIndex;
  }

  /** Records one epoch's value (NaN never counts as an improvement). */
  update(epoch: number, value: number): EarlyStoppingVerdict {
    const higherIsBetter = this.config.monitor.endsWith('accuracy');
    const improved = Number.isFinite(value) && (this.best === null || (higherIsBetter ? value > this.best : value < this.best));
    if (improved) {
      this.best = value;
      this.bestEpochIndex = epoch;
      this.wait = 0;
      return 'improved';
    }
    this.wait++;
    return this.wait >= this.config.patience ? 'stop' : 'waiting';
  }
}

/** A copy of a model's weights (trainable and not, e.g. batch-norm statistics), kept off-model. */
export class WeightSnapshot {
  private tensors: tf.Tensor[] = [];

  save(model: tf.LayersModel): void {
    this.dispose();
    this.tensors = model.getWeights().map((w) => w.clone());
  }

  get saved(): boolean {
    return this.tensors.length > 0;
  }

  /** Copies the saved values back into the model's variables. */
  restore(model: tf.LayersModel): void {
    if (this.saved) model.setWeights(this.tensors);
  }

  dispose(): void {
    tf.dispose(this.tensors);
    this.tensors = [];
  }
}
