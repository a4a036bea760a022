/**
 * Time to accuracy of a preset's recipe on the WASM backend in Node (one thread), on the
 * official data: trains on the first 54,000 training images (what the app trains on with its
 * 10% validation split) and after each epoch scores the 10,000 test images.
 *
 *   npx tsx scripts/recipes/timeToAccuracy.ts --preset=fast [--epochs=3] [--batch=128]
 *     [--lr=0.004] [--schedule=oneCycle] [--seed=1] [--out=bench/recipes/<name>.json]
 *     [--layers=conv32k3_max2_conv64k3_bn_max2_flat_dense128_dense10-softmax]   (the URL's layer form)
 *     [--optimizer=adam] [--train=54000]
 *     [--smooth=0.1] [--ema=0.99] [--tta=1|0] [--flip=1|0] [--shift=0]   (override the preset's tricks)
 *     [--save=dir]   (the final weights, as the app saves them: dir/model.json and dir/weights.bin)
 *     [--views=1]    (after the last epoch, also scores extra test-time views: ±1-pixel shifts)
 *
 * Epochs and batch size default to the preset's recommendation (else 5 and 64). Prints one
 * line per epoch (cumulative training seconds, evaluation excluded, as wall time and as this
 * process's CPU time: on a busy shared machine the CPU time is the steadier figure, since
 * WASM in Node runs on one thread; test accuracy), the
 * training throughput, and the first training time at which the test accuracy reached 88,
 * 90, 91 and 92%. Node on one thread is slower than the browser's WASM with two: compare
 * throughputs measured in the same session (scripts/profile/wasmTraining.ts) to estimate
 * browser times. With flip test-time augmentation (the preset's or --tta=1) every epoch is
 * scored both ways, and the first-reached times use the TTA score with the evaluation's CPU
 * time counted in. Appends a JSON summary to --out when given.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from '../../src/ml/backends/wasm/registerWasmTrainingKernels';
import { range } from '../../src/ml/data/batches';
import { decodeLayers } from '../../src/ml/config/layerCodec';
import { buildModel, createOptimizer } from '../../src/ml/model/build';
import { PRESET_IDS, presetById, type PresetId } from '../../src/ml/model/presets';
import { predictInBatches, scorePredictions } from '../../src/ml/training/evaluate';
import { SCHEDULES, type ScheduleName } from '../../src/ml/training/schedules';
import { trainModel } from '../../src/ml/training/trainer';
import { modelToFiles } from '../../src/ml/models/artifacts';
import { loadOfficial } from './officialData';
import { scoreShiftViews } from './shiftViews';

const TRAIN_EXAMPLES = 54_000;
const THRESHOLDS = [0.9, 0.91, 0.92, 0.93];
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main() {
  // The trainer yields between batches through an unreferenced MessageChannel port (it must
  // not keep a page's worker alive); in Node that alone would let the process exit mid-run.
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    await run();
  } finally {
    clearInterval(keepAlive);
  }
}

async function run() {
  const presetId = (arg('preset') ?? 'simple') as PresetId;
  if (!PRESET_IDS.includes(presetId)) throw new Error(`--preset must be one of ${PRESET_IDS.join(', ')}`);
  const preset = presetById(presetId);
  const schedule = (arg('schedule') ?? preset.spec.schedule) as ScheduleName;
  if (!SCHEDULES.includes(schedule)) throw new Error(`--schedule must be one of ${SCHEDULES.join(', ')}`);
  const epochs = Number(arg('epochs') ?? preset.recommended?.epochs ?? 5);
  const batchSize = Number(arg('batch') ?? preset.recommended?.batchSize ?? 64);
  const learningRate = Number(arg('lr') ?? preset.spec.learningRate);
  const seed = Number(arg('seed') ?? 1);
  const layersArg = arg('layers');
  const decoded = layersArg == null ? null : decodeLayers(layersArg);
  if (decoded != null && 'error' in decoded) throw new Error(`--layers: ${decoded.error}`);
  const optimizerName = (arg('optimizer') ?? preset.spec.optimizer) as typeof preset.spec.optimizer;
  const num = (name: string, fallback: number) => Number(arg(name) ?? fallback);
  const flag = (name: string, fallback: boolean) => (arg(name) == null ? fallback : arg(name) === '1');
  const augmentation = { ...preset.spec.augmentation, flip: flag('flip', preset.spec.augmentation.flip), shift: num('shift', preset.spec.augmentation.shift) };
  const spec = {
    ...preset.spec,
    learningRate,
    schedule,
    optimizer: optimizerName,
    augmentation,
    labelSmoothing: num('smooth', preset.spec.labelSmoothing ?? 0),
    weightAverage: num('ema', preset.spec.weightAverage ?? 0),
    flipTta: flag('tta', preset.spec.flipTta ?? false),
    ...(decoded ? { layers: decoded.layers } : {}),
  };
  const trainExamples = Number(arg('train') ?? TRAIN_EXAMPLES);

  registerWasmTrainingKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend did not start');
  const { train, test } = await loadOfficial();
  const testIndices = range(0, test.count);
  const model = buildModel(spec, { seed });
  const optimizer = createOptimizer(spec.optimizer, spec.learningRate);
  const tricks = `smoothing ${spec.labelSmoothing}, EMA ${spec.weightAverage}, flip TTA ${spec.flipTta}, augmentation ${JSON.stringify(augmentation)}`;
  const label = `${presetId}${layersArg ? ` [${layersArg}]` : ''} ${spec.optimizer} lr ${learningRate} ${schedule}, batch ${batchSize}, ${epochs} epochs, seed ${seed}; ${tricks}`;
  console.log(`${label}; load ${load()}`);

  const epochsOut: {
    epoch: number;
    trainSeconds: number;
    trainCpuSeconds: number;
    /** The score the first-reached times use: with flip TTA when it is on. */
    testAccuracy: number;
    plainTestAccuracy: number;
    evalCpuSeconds: number;
    trainLoss: number;
  }[] = [];
  let trainSeconds = 0;
  let trainCpuSeconds = 0;
  let cpuAtEpochStart = process.cpuUsage();
  const cpuSince = (start: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  };
  let lastLoss = NaN;
  await trainModel(
    model,
    optimizer,
    { images: train.images, labels: train.labels, available: () => train.count },
    {
      epochs,
      batchSize,
      validationSplit: 0,
      trainSize: trainExamples,
      seed,
      l2: spec.l2,
      augmentation: spec.augmentation,
      learningRateSchedule: schedule,
      labelSmoothing: spec.labelSmoothing,
      weightAverage: spec.weightAverage,
    },
    {
      onPhase: (phase) => {
        if (phase === 'training') cpuAtEpochStart = process.cpuUsage();
      },
      onEpoch: (e) => {
        trainCpuSeconds += cpuSince(cpuAtEpochStart);
        trainSeconds += e.seconds;
        lastLoss = e.loss;
      },
      afterEpoch: async (epoch) => {
        const scaling = { inputScaling: spec.inputScaling };
        const plain = scorePredictions((await predictInBatches(model, test.images, testIndices, scaling))!, test.labels, testIndices).accuracy;
        const evalStart = process.cpuUsage();
        const accuracy = spec.flipTta ? scorePredictions((await predictInBatches(model, test.images, testIndices, { ...scaling, flipTta: true }))!, test.labels, testIndices).accuracy : plain;
        const evalCpuSeconds = spec.flipTta ? cpuSince(evalStart) : 0;
        epochsOut.push({ epoch: epoch + 1, trainSeconds, trainCpuSeconds, testAccuracy: accuracy, plainTestAccuracy: plain, evalCpuSeconds, trainLoss: lastLoss });
        const ttaText = spec.flipTta ? `, with flip TTA ${(100 * accuracy).toFixed(2)}% (${evalCpuSeconds.toFixed(1)} s CPU)` : '';
        if (epoch + 1 === epochs) await finalExtras(model, test, testIndices, spec.inputScaling);
        console.log(
          `epoch ${epoch + 1}: ${trainSeconds.toFixed(1)} s training (${trainCpuSeconds.toFixed(1)} s CPU), train loss ${lastLoss.toFixed(4)}, test accuracy ${(100 * plain).toFixed(2)}%${ttaText}; load ${load()}`,
        );
      },
    },
  );
  const examplesPerSecond = (epochs * trainExamples) / trainSeconds;
  const examplesPerCpuSecond = (epochs * trainExamples) / trainCpuSeconds;
  const reached = Object.fromEntries(
    THRESHOLDS.map((t) => {
      const first = epochsOut.find((e) => e.testAccuracy >= t);
      return [`${Math.round(t * 100)}%`, first ? { seconds: first.trainSeconds, cpuSeconds: first.trainCpuSeconds, epoch: first.epoch } : null];
    }),
  );
  console.log(`throughput ${examplesPerSecond.toFixed(0)} examples/s (${examplesPerCpuSecond.toFixed(0)} per CPU second); first reached: ${JSON.stringify(reached)}`);
  const out = arg('out');
  if (out) {
    await mkdir(dirname(out), { recursive: true });
    const summary = { date: new Date().toISOString(), preset: presetId, layers: layersArg ?? null, optimizer: spec.optimizer, trainExamples, learningRate, schedule, batchSize, epochs, seed, examplesPerSecond, examplesPerCpuSecond, perEpoch: epochsOut, reached, loadAtEnd: load() };
    await appendFile(out, `${JSON.stringify(summary)}\n`);
  }
  model.dispose();
  optimizer.dispose();
}

/** What --save and --views ask for, on the final (averaged, when EMA is on) weights. */
async function finalExtras(model: tf.LayersModel, test: { images: Uint8Array; labels: Uint8Array }, indices: Int32Array, inputScaling: 'unit' | 'raw255') {
  const dir = arg('save');
  if (dir) {
    const files = await modelToFiles(model);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'model.json'), files.modelJson);
    await writeFile(join(dir, 'weights.bin'), files.weights);
    console.log(`saved the final weights in ${dir}`);
  }
  if (arg('views') === '1') {
    for (const line of await scoreShiftViews(model, test, indices, inputScaling)) console.log(line);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
