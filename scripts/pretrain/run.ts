/**
 * npm run pretrain [-- --preset=modern --epochs=12 --batch-size=128 --seed=1 --shift=2 ...]
 * Trains the model the page ships with, in Node, with the app's own ML core on the WASM
 * backend (plus our training kernels): all 60,000 official training images, seeded, with a
 * cosine-decaying learning rate; then scores the 10,000 test images. After every epoch it
 * writes model.json + weights.bin and run.json (the facts of the run so far), so an
 * interrupted run still leaves its last epoch behind; at the end metadata.json.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { cpus, platform, release } from 'node:os';
import { join, resolve } from 'node:path';
import { registerWasmTrainingKernels } from '../../src/ml/backends/wasm/registerWasmTrainingKernels';
import { range } from '../../src/ml/data/batches';
import { buildModel, createOptimizer } from '../../src/ml/model/build';
import { presetById } from '../../src/ml/model/presets';
import type { ModelSpec } from '../../src/ml/model/spec';
import { modelToFiles, MODEL_JSON, WEIGHTS_BIN } from '../../src/ml/models/artifacts';
import { TrainingControl } from '../../src/ml/training/control';
import { predictInBatches, scorePredictions } from '../../src/ml/training/evaluate';
import { captureCheckpoint, restoreCheckpoint } from '../../src/ml/training/checkpoint';
import { trainModel, type EpochEvent, type TrainConfig } from '../../src/ml/training/trainer';
import { loadOfficialData, type Split } from './data';
import { cosineLearningRate } from './schedule';
import { DEFAULT_OPTIONS, parseOptions, type PretrainOptions } from './options';
import { pretrainSummary, updateReadme } from './readme';
import type { ModelMetadata } from '../../src/ml/models/metadata';
import { loadProgress, progressFile, saveProgress } from './progress';
import { writeMetadataFromRun, type PretrainRun } from './metadata';

const root = resolve(import.meta.dirname, '../..');
const log = (line: string) => console.log(`[pretrain ${new Date().toISOString().slice(11, 19)}] ${line}`);

function specFor(options: PretrainOptions): ModelSpec {
  const preset = presetById(options.preset).spec;
  return {
    ...preset,
    augmentation: {
      shift: options.shift ?? preset.augmentation.shift,
      flip: options.flip ?? preset.augmentation.flip,
      erase: options.erase ?? preset.augmentation.erase,
    },
  };
}

async function testScore(model: tf.LayersModel, test: Split): Promise<{ accuracy: number; loss: number; count: number }> {
  const indices = range(0, test.labels.length);
  const probs = await predictInBatches(model, test.images, indices, { inputScaling: 'unit' }); // the shipped model is trained on pixels ÷ 255
  if (!probs) throw new Error('test evaluation was aborted');
  const score = scorePredictions(probs, test.labels, indices);
  return { accuracy: score.accuracy, loss: score.loss, count: indices.length };
}

/** Only for the shipped model: the README describes public/models/pretrained. */
async function describeInReadme(outDir: string, run: PretrainRun, metadata: ModelMetadata) {
  if (outDir !== resolve(root, DEFAULT_OPTIONS.outDir)) return;
  const [weights, modelJson] = await Promise.all([stat(join(outDir, WEIGHTS_BIN)), stat(join(outDir, MODEL_JSON))]);
  if (await updateReadme(join(root, 'README.md'), pretrainSummary(run, metadata, weights.size, modelJson.size))) log('updated the README');
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const outDir = resolve(root, options.outDir);
  if (options.metadataOnly) {
    const finished = JSON.parse(await readFile(join(outDir, 'run.json'), 'utf8')) as PretrainRun;
    const metadata = await writeMetadataFromRun(outDir, finished);
    log(`wrote metadata.json: ${metadata.epochsTrained} of ${finished.options.epochs} epochs, test accuracy ${metadata.testAccuracy?.accuracy ?? 'n/a'}`);
    await describeInReadme(outDir, finished, metadata);
    return;
  }
  registerWasmTrainingKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('the WASM backend did not start');
  await tf.ready();
  log(`backend ${tf.getBackend()}, tfjs ${tf.version.tfjs}, options ${JSON.stringify(options)}`);

  const data = await loadOfficialData(log);
  const spec = specFor(options);
  const progressPath = progressFile(root, options);
  const saved = options.resume ? await loadProgress(progressPath) : null;
  if (options.resume) log(saved ? `resuming after epoch ${saved.checkpoint.state.epochsCompleted} from ${progressPath}` : 'nothing to resume: starting afresh');
  const { model, optimizer } = saved ? await restoreCheckpoint(saved.checkpoint) : { model: buildModel(spec, { seed: options.seed }), optimizer: createOptimizer(spec.optimizer, spec.learningRate) };
  const control = new TrainingControl();
  const schedule = (epoch: number) => cosineLearningRate(spec.learningRate, options.finalLearningRateFactor, epoch, options.epochs);
  control.requestLearningRate(schedule(saved?.checkpoint.state.epochsCompleted ?? 0));
  await mkdir(outDir, { recursive: true });

  const epochs: PretrainRun['epochs'][number][] = [...(saved?.epochs ?? [])];
  const secondsBefore = saved?.trainingSeconds ?? 0;
  const started = performance.now();
  const run = (): PretrainRun => ({
    options,
    spec,
    parameterCount: model.countParams(),
    tfjsVersion: tf.version.tfjs,
    backend: tf.getBackend(),
    dataSha256: data.sha256,
    machine: { cores: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', os: `${platform()} ${release()}`, node: process.version },
    trainingSeconds: secondsBefore + (performance.now() - started) / 1000,
    epochs,
    finishedAt: new Date().toISOString(),
    complete: epochs.length === options.epochs,
  });

  const saveRun = async () => {
    const files = await modelToFiles(model);
    await writeFile(join(outDir, MODEL_JSON), files.modelJson);
    await writeFile(join(outDir, WEIGHTS_BIN), files.weights);
    await writeFile(join(outDir, 'run.json'), JSON.stringify(run(), null, 2) + '\n');
  };

  let lastEpoch: EpochEvent | null = null;
  const trainConfig: TrainConfig = {
    epochs: options.epochs,
    batchSize: options.batchSize,
    validationSplit: 0,
    trainSize: options.trainSize,
    seed: options.seed,
    l2: spec.l2,
    augmentation: spec.augmentation,
  };
  // The trainer yields through an unref'd MessagePort, which alone would let Node exit mid-run.
  const keepAlive = setInterval(() => undefined, 60_000);
  await trainModel(
    model,
    optimizer,
    { images: data.train.images, labels: data.train.labels, available: () => data.train.labels.length },
    trainConfig,
    {
      onBatch: (e) => {
        if (e.batch % 200 === 0) log(`epoch ${e.epoch + 1} batch ${e.batch}/${e.batchesInEpoch} loss ${e.loss.toFixed(4)} (${e.examplesPerSecond?.toFixed(0) ?? '?'} ex/s)`);
      },
      onEpoch: (e) => {
        lastEpoch = e;
      },
      afterEpoch: async (epoch, state) => {
        // Test accuracy after each epoch is only reported (the curve); the shipped model is
        // always the last epoch's, never one picked by its test score.
        const trainedSoFar = performance.now() - started;
        const score = await testScore(model, data.test);
        epochs.push({ ...lastEpoch!, learningRate: schedule(epoch), testAccuracy: score.accuracy, testLoss: score.loss });
        log(`epoch ${epoch + 1}/${options.epochs}: train loss ${lastEpoch!.loss.toFixed(4)} acc ${lastEpoch!.accuracy.toFixed(4)}, test loss ${score.loss.toFixed(4)} acc ${score.accuracy.toFixed(4)}, lr ${schedule(epoch).toExponential(2)}, ${lastEpoch!.seconds.toFixed(0)} s (${(trainedSoFar / 1000).toFixed(0)} s in all)`);
        await saveRun();
        const checkpoint = await captureCheckpoint({ model, optimizer, spec, modelSeed: options.seed, config: trainConfig, state, history: { epochs, batches: [] } });
        await saveProgress(progressPath, { options, checkpoint, epochs: [...epochs], trainingSeconds: run().trainingSeconds });
        control.requestLearningRate(schedule(epoch + 1));
      },
    },
    { control, resume: saved?.checkpoint.state },
  );
  clearInterval(keepAlive);
  const finalRun = run();
  await writeFile(join(outDir, 'run.json'), JSON.stringify(finalRun, null, 2) + '\n');
  const metadata = await writeMetadataFromRun(outDir, finalRun);
  await describeInReadme(outDir, finalRun, metadata);
  log(`done: test accuracy ${(metadata.testAccuracy?.accuracy ?? NaN).toFixed(4)}, ${finalRun.trainingSeconds.toFixed(0)} s, files in ${outDir}`);
  optimizer.dispose();
  model.dispose();
}

main().catch((error: unknown) => {
  console.error(`[pretrain] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
