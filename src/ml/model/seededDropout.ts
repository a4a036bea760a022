/**
 * Dropout whose masks are reproducible yet different on every training step.
 * tfjs's own Dropout with a `seed` draws the same mask on every call, so the same units
 * would always be dropped; this layer derives the mask seed from (seed, call number).
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from './seeds';

export interface SeededDropoutArgs {
  readonly name?: string;
  readonly inputShape?: number[];
  /** Fraction of units zeroed while training, 0 ≤ rate < 1. */
  readonly rate: number;
  /** Without a seed the masks are not reproducible (tfjs's own randomness). */
  readonly seed?: number;
}

export class SeededDropout extends tf.layers.Layer {
  static readonly className = 'SeededDropout';
  readonly rate: number;
  private readonly seed: number | undefined;
  private calls = 0;

  constructor(args: SeededDropoutArgs) {
    super({ name: args.name, inputShape: args.inputShape });
    this.rate = args.rate;
    this.seed = args.seed;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  /** Training: x·mask/(1-rate) with mask ~ Bernoulli(1-rate); otherwise x unchanged. */
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (kwargs.training !== true || this.rate === 0) return x;
    const seed = this.seed === undefined ? undefined : deriveSeed(this.seed, this.calls++);
    return tf.dropout(x, this.rate, undefined, seed);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, ...(this.seed === undefined ? {} : { seed: this.seed }) };
  }
}

tf.serialization.registerClass(SeededDropout);
