/**
 * An exponential moving average (EMA) of a model's weights (Polyak averaging): after every
 * optimizer step each average moves towards the current weight,
 *   avg ← d·avg + (1 − d)·w,   d = min(decay, (1 + n) / (10 + n)) for the n-th update,
 * so the first updates follow the weights closely (a short run is not dominated by its random
 * start) and later ones smooth out the last steps' noise. Evaluating and predicting with the
 * averages usually scores a little higher than the last weights. All of the model's weights
 * are averaged, batch norm's moving statistics included, so they stay consistent.
 *
 * Tensor memory: one float32 variable per model weight, made in the constructor and freed by
 * dispose(); update() and swap() allocate only temporaries that they free.
 */
import * as tf from '@tensorflow/tfjs';

/** The decay used at the n-th update (n from 0): a warm-up towards `decay`. */
export function effectiveDecay(decay: number, updates: number): number {
  return Math.min(decay, (1 + updates) / (10 + updates));
}

export class WeightAverage {
  private readonly weights: tf.Variable[];
  private readonly averages: tf.Variable[];
  private updates = 0;
  /** True while the model holds the averages (and `averages` the trained weights). */
  private swapped = false;

  constructor(
    model: tf.LayersModel,
    readonly decay: number,
  ) {
    this.weights = model.weights.map((w) => w.read() as tf.Variable);
    // Variables outlive tidy(); the clones they start from do not.
    this.averages = tf.tidy(() => this.weights.map((w) => tf.variable(w.clone(), false)));
  }

  /** How many updates have been averaged in. */
  get count(): number {
    return this.updates;
  }

  /** Moves every average one step towards the model's current weights. */
  update(): void {
    if (this.swapped) throw new Error('WeightAverage.update while the averages are swapped in');
    const d = effectiveDecay(this.decay, this.updates);
    tf.tidy(() => {
      this.averages.forEach((avg, i) => avg.assign(tf.add(tf.mul(avg, d), tf.mul(this.weights[i], 1 - d))));
    });
    this.updates++;
  }

  /**
   * Exchanges the model's weights and the averages: call once to evaluate with the averages,
   * again to go back to training with the trained weights.
   */
  swap(): void {
    tf.tidy(() => {
      this.weights.forEach((w, i) => {
        const trained = w.clone();
        w.assign(this.averages[i]);
        this.averages[i].assign(trained);
      });
    });
    this.swapped = !this.swapped;
  }

  /** Whether the model holds the averages now. */
  get inModel(): boolean {
    return this.swapped;
  }

  dispose(): void {
    tf.dispose(this.averages);
  }
}
