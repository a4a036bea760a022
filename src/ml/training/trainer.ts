/**
 * The training loop. Config and callbacks come in, events go out; it never reads the UI.
 * Per batch: one optimizer step (trainStep.ts); the batch's loss and accuracy are read back
 * asynchronously one batch later (no synchronous GPU read-back), which also keeps the
 * CPU from queueing unbounded GPU work. Stops on the AbortSignal, pauses via TrainingControl,
 * which also carries learning-rate changes (applied before the next batch). Early stopping
 * is checked after each epoch. A run can resume from a checkpoint (checkpoint.ts): `resume`
 * restarts at the next epoch with the same data order (early stopping's patience restarts).
 * Its contract (config, callbacks, events, result) is in trainerContract.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { epochBatches, range } from '../data/batches';
import { keepsDataOnDevice, ResidentImages } from '../data/residentImages';
import { deriveSeed, SEED_STREAM } from '../model/seeds';
import { createRng } from '../random';
import type { TrainingControl } from './control';
import { DivergenceMonitor } from './divergence';
import { EarlyStoppingTracker, WeightSnapshot, type Monitor } from './earlyStopping';
import { evaluateImages } from './evaluate';
import { getLearningRate } from './learningRate';
import { applyRateForStep, plannedSteps, ScheduledRate } from './scheduledRate';
import { ThroughputMeter } from './throughput';
import { isAugmenting } from './augment';
import { kernelVariables, trainStep, type StepSetup } from './trainStep';
import { WeightAverage } from './weightAverage';
import type { EarlyStoppingOutcome, EpochEvent, TrainCallbacks, TrainConfig, TrainerState, TrainingDataSource, TrainResult } from './trainerContract';
import { yieldToHost } from './yieldToHost';

export type {
  BatchEvent,
  DivergenceEvent,
  EarlyStoppingOutcome,
  EpochEvent,
  LearningRateChange,
  TrainCallbacks,
  TrainConfig,
  TrainerState,
  TrainingDataSource,
  TrainResult,
} from './trainerContract';

/** Splits the first trainSize examples: the first ⌊v·n⌋ validate (they arrive first), the rest train. */
export function splitIndices(trainSize: number, validationSplit: number): { valCount: number } {
  return { valCount: Math.floor(trainSize * validationSplit) };
}

export async function trainModel(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  data: TrainingDataSource,
  config: TrainConfig,
  callbacks: TrainCallbacks,
  control: {
    signal?: AbortSignal;
    control?: TrainingControl;
    /** Continue a checkpointed run from here (see checkpoint.ts). */
    resume?: TrainerState;
    /** Filled with the model's weights before the first batch; owned (restored, disposed) by the caller. */
    startWeights?: WeightSnapshot;
  } = {},
): Promise<TrainResult> {
  const { signal, resume } = control;
  control.startWeights?.save(model);
  const divergence = callbacks.onDivergence ? new DivergenceMonitor(config.divergence) : null;
  const rng = createRng(config.seed);
  const augmentationRng = createRng(deriveSeed(config.seed, SEED_STREAM.augmentation));
  if (resume) {
    rng.setState(resume.shuffleRngState);
    augmentationRng.setState(resume.augmentationRngState);
  }
  const { valCount } = splitIndices(config.trainSize, config.validationSplit);
  const early = config.earlyStopping ?? null;
  if (early?.monitor.startsWith('val_') && valCount === 0) {
    throw new Error(`Early stopping on ${early.monitor} needs validation examples: set a validation split above 0.`);
  }
  const tracker = early ? new EarlyStoppingTracker(early) : null;
  const best = new WeightSnapshot();
  const inputScaling = config.inputScaling ?? 'unit';
  const resident =
    (config.keepDataOnDevice ?? keepsDataOnDevice(tf.getBackend())) && !isAugmenting(config.augmentation) ? new ResidentImages(data.images, data.available, inputScaling) : null;
  const step: StepSetup = {
    resident,
    model,
    optimizer,
    variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
    kernels: kernelVariables(model),
    l2: config.l2 ?? 0,
    labelSmoothing: config.labelSmoothing ?? 0,
    augmentation: config.augmentation,
    augmentationRng,
    inputScaling,
  };
  const rates = new ScheduledRate(config.learningRateSchedule ?? 'constant', getLearningRate(optimizer), plannedSteps(config.epochs, config.trainSize - valCount, config.batchSize));
  const meter = new ThroughputMeter();
  // A resumed run starts a fresh average from the checkpoint's (averaged) weights.
  const average = (config.weightAverage ?? 0) > 0 ? new WeightAverage(model, config.weightAverage!) : null;
  /** Puts the averages in the model (for evaluation and at the end) or takes them out again. */
  const averagesInModel = (on: boolean) => {
    if (average && average.inModel !== on) average.swap();
  };
  let examplesSeen = resume?.examplesSeen ?? 0;
  let batchesCompleted = resume?.batchesCompleted ?? 0;
  const outcome = (stoppedEarly: boolean, restored: boolean): EarlyStoppingOutcome | null =>
    early && tracker ? { monitor: early.monitor, stoppedEarly, bestEpoch: tracker.bestEpoch, bestValue: tracker.bestValue, restored } : null;

  try {
    for (let epoch = resume?.epochsCompleted ?? 0; epoch < config.epochs; epoch++) {
      const epochStart = performance.now();
      // Uses whatever has streamed in by now, up to trainSize.
      const trainEnd = Math.min(config.trainSize, data.available());
      if (trainEnd <= valCount) throw new Error('No training examples are loaded yet.');
      const batches = epochBatches(range(valCount, trainEnd), config.batchSize, rng);
      const remainingAfterThisEpoch = (config.epochs - epoch - 1) * (trainEnd - valCount);
      callbacks.onPhase?.('training', epoch);
      meter.reset();

      let lossSum = 0;
      let accSum = 0;
      let counted = 0;
      let epochExamples = 0;
      const pending: { metrics: tf.Tensor1D; batch: number; size: number; learningRate: number }[] = [];

      const drain = async (keep: number) => {
        while (pending.length > keep) {
          const item = pending.shift()!;
          const [loss, accuracy] = await item.metrics.data();
          item.metrics.dispose();
          lossSum += loss * item.size;
          accSum += accuracy * item.size;
          counted += item.size;
          meter.record(item.size);
          callbacks.onBatch?.({
            epoch,
            batch: item.batch,
            batchesInEpoch: batches.length,
            epochExamples: trainEnd - valCount,
            plannedEpochExamples: config.trainSize - valCount,
            loss,
            accuracy,
            examplesSeen: examplesSeen - pending.reduce((s, p) => s + p.size, 0),
            examplesPerSecond: meter.examplesPerSecond,
            etaSeconds: meter.etaSeconds(remainingAfterThisEpoch + (trainEnd - valCount - counted)),
            learningRate: item.learningRate,
          });
          const diverged = divergence?.update(loss);
          if (diverged) {
            control.control?.pause();
            callbacks.onDivergence?.({ ...diverged, epoch, batch: item.batch, paused: control.control !== undefined });
          }
        }
      };

      for (let b = 0; b < batches.length; b++) {
        let requested: number | null = null;
        if (control.control) {
          const wasPaused = control.control.paused;
          // Report the batches run so far before waiting, so a Step shows its batch at once.
          if (wasPaused) {
            await drain(0);
            callbacks.onWaiting?.();
          }
          if (!(await control.control.waitForTurn(signal))) break;
          if (wasPaused) meter.reset();
          requested = control.control.takeLearningRateRequest();
        }
        if (signal?.aborted) break;
        const learningRate = applyRateForStep(optimizer, rates, batchesCompleted, requested, (from, to) =>
          callbacks.onLearningRateChange?.({ epoch, batch: b, step: batchesCompleted + 1, from, to }),
        );
        const indices = batches[b];
        pending.push({ metrics: trainStep(step, data.images, data.labels, indices), batch: b, size: indices.length, learningRate });
        average?.update();
        examplesSeen += indices.length;
        epochExamples += indices.length;
        batchesCompleted++;
        await drain(1);
        await yieldToHost();
      }
      await drain(0);
      if (signal?.aborted || epochExamples < trainEnd - valCount) {
        return { stopped: true, epochsCompleted: epoch, batchesCompleted, earlyStopping: outcome(false, false) };
      }

      let valLoss: number | null = null;
      let valAccuracy: number | null = null;
      averagesInModel(true);
      if (valCount > 0) {
        callbacks.onPhase?.('validating', epoch);
        const valIndices = range(0, valCount);
        const score = await evaluateImages(model, data, valIndices, { signal, inputScaling });
        if (!score) return { stopped: true, epochsCompleted: epoch, batchesCompleted, earlyStopping: outcome(false, false) };
        valLoss = score.loss;
        valAccuracy = score.accuracy;
      }
      const event: EpochEvent = {
        epoch,
        loss: lossSum / counted,
        accuracy: accSum / counted,
        valLoss,
        valAccuracy,
        trainExamples: trainEnd - valCount,
        plannedTrainExamples: config.trainSize - valCount,
        valExamples: valCount,
        seconds: (performance.now() - epochStart) / 1000,
      };
      callbacks.onEpoch?.(event);
      const verdict = early && tracker ? tracker.update(epoch, monitoredValue(event, early.monitor)) : null;
      if (verdict === 'improved' && early?.restoreBestWeights) best.save(model);
      await callbacks.afterEpoch?.(epoch, {
        epochsCompleted: epoch + 1,
        batchesCompleted,
        examplesSeen,
        shuffleRngState: rng.getState(),
        augmentationRngState: augmentationRng.getState(),
      });
      if (verdict === 'stop' && epoch < config.epochs - 1) {
        const restore = early!.restoreBestWeights && best.saved;
        if (restore) best.restore(model);
        return { stopped: false, epochsCompleted: epoch + 1, batchesCompleted, earlyStopping: outcome(true, restore) };
      }
      if (epoch < config.epochs - 1) averagesInModel(false);
    }
    return { stopped: false, epochsCompleted: config.epochs, batchesCompleted, earlyStopping: outcome(false, false) };
  } finally {
    // However the run ends, the model keeps the averaged weights (what was evaluated).
    averagesInModel(true);
    average?.dispose();
    best.dispose();
    resident?.dispose();
  }
}

function monitoredValue(event: EpochEvent, monitor: Monitor): number {
  switch (monitor) {
    case 'loss':
      return event.loss;
    case 'accuracy':
      return event.accuracy;
    case 'val_loss':
      return event.valLoss ?? NaN;
    case 'val_accuracy':
      return event.valAccuracy ?? NaN;
  }
}
