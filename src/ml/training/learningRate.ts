/**
 * Reading and changing a tfjs optimizer's learning rate between steps. Adam, RMSprop and
 * Adagrad read their `learningRate` field on every step; SGD and Momentum cache
 * -learningRate in a scalar tensor, which only setLearningRate() refreshes.
 */
import type * as tf from '@tensorflow/tfjs';

/** The field is `protected` in tfjs's typings but public at run time (it is in getConfig()). */
type WithLearningRate = { learningRate: number };

export function getLearningRate(optimizer: tf.Optimizer): number {
  return (optimizer as unknown as WithLearningRate).learningRate;
}

/** Takes effect at the optimizer's next applyGradients (the next batch). */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  // Not `instanceof tf.SGDOptimizer`: tfjs's Optimizer overrides instanceof to duck-type,
  // so every optimizer would pass.
  const sgd = optimizer as unknown as Partial<Pick<tf.SGDOptimizer, 'setLearningRate'>>;
  if (typeof sgd.setLearningRate === 'function') sgd.setLearningRate(learningRate);
  else (optimizer as unknown as WithLearningRate).learningRate = learningRate;
}
