/** The training loop's settings for one run, from the run settings and the model's recipe. */
import type { ModelSpec } from '../model/spec';
import type { TrainConfig } from '../training/trainer';
import type { RunConfig } from './runConfig';

export function trainConfigFor(config: RunConfig, spec: ModelSpec): TrainConfig {
  return {
    epochs: config.epochs,
    batchSize: config.batchSize,
    validationSplit: config.validationSplit,
    trainSize: config.trainSize,
    seed: config.seed,
    l2: spec.l2,
    labelSmoothing: spec.labelSmoothing,
    weightAverage: spec.weightAverage,
    augmentation: spec.augmentation,
    inputScaling: spec.inputScaling,
    learningRateSchedule: spec.schedule,
    earlyStopping:
      config.earlyStopping === 'off' ? null : { monitor: config.earlyStopping, patience: config.patience, restoreBestWeights: config.restoreBestWeights },
  };
}
