import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../src/ml/backends/wasm/registerWasmTrainingKernels';
import { loadRealSubset } from '../src/test-support/realData';
import { buildModel, createOptimizer } from '../src/ml/model/build';
import { SIMPLE_CNN } from '../src/ml/model/spec';
import { trainStep } from '../src/ml/training/trainStep';
import { range } from '../src/ml/data/batches';

registerWasmTrainingKernels();
await tf.setBackend('wasm');
const { images, labels } = loadRealSubset('train', 2048);
const model = buildModel(SIMPLE_CNN);
const optimizer = createOptimizer('adam', 0.001);
const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
const setup = { model, optimizer, variables, kernels: [], l2: 0, augmentation: undefined, augmentationRng: Math.random };
const idx = (b: number) => Int32Array.from(range(b * 64, b * 64 + 64));
for (let b = 0; b < 5; b++) (await trainStep(setup, images, labels, idx(b)).data());
const t0 = performance.now();
for (let b = 5; b < 25; b++) { const m = trainStep(setup, images, labels, idx(b)); await m.data(); m.dispose(); }
console.log('ms/step', (performance.now() - t0) / 20);
const info = await tf.profile(async () => { const m = trainStep(setup, images, labels, idx(26)); await m.data(); m.dispose(); });
const agg = new Map<string, number>();
for (const k of info.kernels) agg.set(k.name, (agg.get(k.name) ?? 0) + (k.kernelTimeMs as number));
console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([n, t]) => `${n} ${t.toFixed(1)}`).join('\n'));
