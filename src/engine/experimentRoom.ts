/**
 * Experiments (the lessons' runs) inside the engine: a plan's arms trained one after another
 * with the playground's own builder, training loop (trainModel) and evaluation, each arm on
 * a fresh model, and reported arm by arm, so a finished arm is kept whatever happens next.
 * The playground's model and settings are not touched.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_RUN_CONFIG } from '../ml/config/runConfig';
import { trainConfigFor } from '../ml/config/trainConfig';
import { range } from '../ml/data/batches';
import type { InputScaling } from '../ml/data/inputScaling';
import type { FashionMnistData } from '../ml/data/dataset';
import { type ArmEpoch, type ArmMap, type ArmResult, type ExperimentArm, type ExperimentPlan, type ExperimentUpdate } from '../ml/experiments/plan';
import { thin } from '../ml/util/thin';
import { shiftImages } from '../ml/experiments/shift';
import { extractActivations } from '../ml/internals/activations';
import { pixelsToInput } from '../ml/internals/snapshot';
import { buildModel, createOptimizer } from '../ml/model/build';
import { evaluateImages } from '../ml/training/evaluate';
import { trainModel } from '../ml/training/trainer';
import { PUBLISH_INTERVAL_MS, evaluateModel } from './trainingRun';

/** Batch-loss points kept per arm (enough for a curve, small enough to keep in the browser). */
const MAX_LOSS_POINTS = 300;

export interface ExperimentDeps {
  readonly data: FashionMnistData;
  readonly backend: string | null;
  /** The shipped model, freshly loaded (the caller owns nothing of it afterwards). */
  readonly loadPretrained: () => Promise<tf.LayersModel>;
  readonly report: (update: ExperimentUpdate) => void;
}

export class ExperimentRoom {
  private controller: AbortController | null = null;

  get running(): boolean {
    return this.controller !== null;
  }

  /** Stops the experiment after the batch in flight; arms already finished stay reported. */
  stop(): void {
    this.controller?.abort();
  }

  async run(plan: ExperimentPlan, deps: ExperimentDeps): Promise<void> {
    if (this.controller) throw new Error('An experiment is already running.');
    const controller = new AbortController();
    this.controller = controller;
    deps.report({ kind: 'started', experimentId: plan.id, armIds: plan.arms.map((a) => a.id) });
    let status: 'done' | 'stopped' | 'error' = 'done';
    let message: string | null = null;
    try {
      for (const arm of plan.arms) {
        if (controller.signal.aborted) break;
        const result = await runArm(plan.id, arm, deps, controller.signal);
        if (!result) break;
        deps.report({ kind: 'armEnded', experimentId: plan.id, result });
      }
      if (controller.signal.aborted) status = 'stopped';
    } catch (error) {
      status = 'error';
      message = (error as Error).message;
    } finally {
      this.controller = null;
    }
    deps.report({ kind: 'ended', experimentId: plan.id, status, message });
  }
}

/** Trains and scores one arm; null when it was stopped before it finished. */
async function runArm(experimentId: string, arm: ExperimentArm, deps: ExperimentDeps, signal: AbortSignal): Promise<ArmResult | null> {
  const { data } = deps;
  const config = { ...DEFAULT_RUN_CONFIG, ...arm.config };
  const model = arm.fromPretrained ? await deps.loadPretrained() : buildModel(arm.spec, { seed: config.seed });
  const optimizer = createOptimizer(arm.spec.optimizer, arm.spec.learningRate);
  const armSignal = new AbortController();
  const stopArm = () => armSignal.abort();
  signal.addEventListener('abort', stopArm);
  const losses: { step: number; loss: number }[] = [];
  const epochs: ArmEpoch[] = [];
  let diverged: string | null = null;
  let last = { epoch: 0, batch: 0, batchesInEpoch: 0, examplesPerSecond: null as number | null, loss: NaN };
  // Sent from the loop itself (at most every PUBLISH_INTERVAL_MS), not from a timer a busy loop could starve.
  let lastSent = -Infinity;
  const publish = () => {
    lastSent = performance.now();
    deps.report({ kind: 'progress', experimentId, armId: arm.id, epoch: last.epoch, batch: last.batch, batchesInEpoch: last.batchesInEpoch, epochs: config.epochs, examplesPerSecond: last.examplesPerSecond, lastLoss: last.loss });
  };
  const firstConv = arm.filters ? model.layers.find((layer) => layer.getClassName() === 'Conv2D') : undefined;
  const readKernel = async () => {
    const variable = firstConv?.getWeights()[0];
    if (!variable) return null;
    // A copy: the training step may replace the variable's value while this reads.
    const kernel = variable.clone();
    try {
      return { shape: kernel.shape, values: Array.from(await kernel.data(), (v) => Math.round(v * 10_000) / 10_000) };
    } finally {
      kernel.dispose();
    }
  };
  const before = await readKernel();
  const started = performance.now();
  try {
    const outcome = await trainModel(
      model,
      optimizer,
      { images: data.train.images, labels: data.train.labels, available: () => data.train.availableCount },
      trainConfigFor(config, arm.spec),
      {
        onBatch: (e) => {
          losses.push({ step: losses.length + 1, loss: e.loss });
          last = { epoch: e.epoch, batch: e.batch + 1, batchesInEpoch: e.batchesInEpoch, examplesPerSecond: e.examplesPerSecond, loss: e.loss };
          if (performance.now() - lastSent >= PUBLISH_INTERVAL_MS) publish();
        },
        onEpoch: (e) => epochs.push({ epoch: e.epoch, loss: e.loss, accuracy: e.accuracy, valLoss: e.valLoss, valAccuracy: e.valAccuracy }),
        // A diverging arm is a result, not a pause: it ends there and says so.
        onDivergence: (info) => {
          diverged = info.message;
          armSignal.abort();
        },
      },
      { signal: armSignal.signal },
    );
    if (signal.aborted) return null;
    publish();
    const trainSeconds = (performance.now() - started) / 1000;
    const testCount = Math.min(config.testSize, data.test.availableCount);
    const scaling = arm.spec.inputScaling;
    const evaluation = testCount > 0 ? await evaluateModel(model, scaling, data, testCount, -1, arm.spec.flipTta) : null;
    const shiftedTest = arm.shiftedTest ? await scoreShifted(model, scaling, data, testCount, arm.shiftedTest) : null;
    const maps = arm.maps ? await readMaps(model, scaling, data, arm.maps) : [];
    const after = await readKernel();
    return {
      armId: arm.id,
      label: arm.label,
      status: diverged ? 'diverged' : 'done',
      params: model.countParams(),
      batchLoss: thin(losses, MAX_LOSS_POINTS),
      epochs,
      test: evaluation ? { accuracy: evaluation.result.accuracy, loss: evaluation.result.loss, count: evaluation.result.count } : null,
      shiftedTest,
      earlyStopping: outcome.earlyStopping,
      maps,
      filters: before && after ? { shape: before.shape, before: before.values, after: after.values } : null,
      trainSeconds,
      seconds: (performance.now() - started) / 1000,
      backend: deps.backend,
      message: diverged,
    };
  } finally {
    signal.removeEventListener('abort', stopArm);
    model.dispose();
    optimizer.dispose();
  }
}

async function scoreShifted(model: tf.LayersModel, scaling: InputScaling, data: FashionMnistData, count: number, shift: number): Promise<ArmResult['shiftedTest']> {
  const shifted = shiftImages(data.test.images, count, shift);
  const indices = range(0, count);
  const evaluation = await evaluateImages(model, { images: shifted, labels: data.test.labels }, indices, { inputScaling: scaling });
  return evaluation ? { accuracy: evaluation.accuracy, shift } : null;
}

async function readMaps(model: tf.LayersModel, scaling: InputScaling, data: FashionMnistData, request: NonNullable<ExperimentArm['maps']>): Promise<ArmMap[]> {
  const input = pixelsToInput(model, data.test.image(request.image), scaling);
  try {
    const activations = await extractActivations(model, input);
    return request.layers.map((index) => {
      const layer = activations.layers[index];
      return { layer: index, name: layer.layer.name, shape: layer.layer.outputShape, values: Array.from(layer.values, (v) => Math.round(v * 1000) / 1000) };
    });
  } finally {
    input.dispose();
  }
}
