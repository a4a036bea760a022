import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAM_UPDATE } from '../backends/adamUpdateOp';
import { setSimdKernelsEnabled } from '../backends/wasm/simd/simdKernels';
import { expectClose, randomArray, switchBackend } from '../backends/wasm/testUtils';
import { FusedAdamOptimizer } from './fusedAdam';

/** A few Adam steps on two variables with fixed gradients; returns every value afterwards. */
async function train(make: () => tf.Optimizer, steps = 5): Promise<{ values: Float32Array[]; slots: Float32Array[]; acc: number[] }> {
  const shapes = [[3, 3, 2, 4], [7]];
  const vars = shapes.map((s, i) => tf.variable(tf.tensor(randomArray(s, 10 + i), s), true, `adamTest${i}_${Math.random()}`));
  const optimizer = make();
  try {
    for (let step = 0; step < steps; step++) {
      tf.tidy(() => {
        const grads = vars.map((v, i) => ({ name: v.name, tensor: tf.tensor(randomArray(v.shape, 100 * step + i + 1), v.shape).mul(step === 2 ? 1e-3 : 1) }));
        optimizer.applyGradients(grads);
      });
    }
    const named = await optimizer.getWeights();
    const slots = named.filter((w) => w.name !== 'iter').map((w) => w.tensor.dataSync() as Float32Array);
    tf.dispose(named.filter((w) => w.name === 'iter').map((w) => w.tensor));
    const fields = optimizer as unknown as { accBeta1: tf.Variable; accBeta2: tf.Variable };
    return { values: vars.map((v) => v.dataSync() as Float32Array), slots, acc: [fields.accBeta1.dataSync()[0], fields.accBeta2.dataSync()[0]] };
  } finally {
    optimizer.dispose();
    tf.dispose(vars);
  }
}

describe('FusedAdamOptimizer', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
  });
  afterAll(async () => {
    await switchBackend('cpu');
  });

  it('gives the values and moments of tfjs-core Adam (cpu and wasm), and the same β powers', async () => {
    await switchBackend('cpu');
    const reference = await train(() => tf.train.adam(0.01));
    await switchBackend('wasm');
    const fused = await train(() => new FusedAdamOptimizer(0.01));
    const core = await train(() => tf.train.adam(0.01));
    // Within float32 roundings (the fused kernel orders the arithmetic differently).
    fused.values.forEach((v, i) => expectClose(v, reference.values[i], 1e-6, `value ${i}`));
    fused.slots.forEach((v, i) => expectClose(v, reference.slots[i], 1e-6, `slot ${i}`));
    fused.values.forEach((v, i) => expectClose(v, core.values[i], 1e-6, `value ${i} (wasm)`));
    expect(fused.acc).toEqual(reference.acc);
  });

  it('takes one fused kernel per variable on wasm, and tfjs-core ops elsewhere (cpu, wasm without SIMD)', async () => {
    await switchBackend('wasm');
    const v = tf.variable(tf.ones([5]), true, `adamProfile_${Math.random()}`);
    const optimizer = new FusedAdamOptimizer(0.1);
    const profile = await tf.profile(() => tf.tidy(() => optimizer.applyGradients([{ name: v.name, tensor: tf.ones([5]) }])));
    const names = profile.kernels.map((k) => k.name);
    expect(names).toContain(ADAM_UPDATE);
    expect(names).not.toContain('Sqrt');
    await switchBackend('cpu');
    const w = tf.variable(tf.ones([5]), true, `adamProfileCpu_${Math.random()}`);
    const cpuOptimizer = new FusedAdamOptimizer(0.1);
    const cpuProfile = await tf.profile(() => tf.tidy(() => cpuOptimizer.applyGradients([{ name: w.name, tensor: tf.ones([5]) }])));
    expect(cpuProfile.kernels.map((k) => k.name)).toContain('Sqrt');
    await switchBackend('wasm');
    setSimdKernelsEnabled(false);
    try {
      const plain = await tf.profile(() => tf.tidy(() => optimizer.applyGradients([{ name: v.name, tensor: tf.ones([5]) }])));
      expect(plain.kernels.map((k) => k.name)).toContain('Sqrt');
      expect(plain.kernels.map((k) => k.name)).not.toContain(ADAM_UPDATE);
    } finally {
      setSimdKernelsEnabled(true);
    }
    tf.dispose([v, w]);
    optimizer.dispose();
    cpuOptimizer.dispose();
  });

  it('leaves no tensors behind after its first step (the moments are its own variables)', async () => {
    await switchBackend('wasm');
    const v = tf.variable(tf.ones([4, 4]), true, `adamLeak_${Math.random()}`);
    const optimizer = new FusedAdamOptimizer(0.1);
    const step = () => tf.tidy(() => optimizer.applyGradients([{ name: v.name, tensor: tf.fill([4, 4], 0.5) }]));
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    v.dispose();
  });

  it('mirrors β₁ᵗ, β₂ᵗ without reading them back at each step, and follows them when set from outside', async () => {
    await switchBackend('wasm');
    const make = (name: string) => tf.variable(tf.ones([6]), true, `${name}_${Math.random()}`);
    const [a, b] = [make('adamMirrorA'), make('adamMirrorB')];
    const backend = tf.backend() as unknown as { readSync: (id: object) => unknown };
    const readSync = backend.readSync;
    let syncReads = 0;
    backend.readSync = function (this: unknown, id: object) {
      syncReads++;
      return readSync.call(this, id);
    };
    const fused = new FusedAdamOptimizer(0.05);
    const core = tf.train.adam(0.05);
    const gradients = Array.from({ length: 7 }, (_, i) => randomArray([6], 300 + i));
    const step = (i: number) =>
      tf.tidy(() => {
        const g = tf.tensor(gradients[i], [6]);
        fused.applyGradients([{ name: a.name, tensor: g }]);
        core.applyGradients([{ name: b.name, tensor: g }]);
      });
    syncReads = 0;
    try {
      for (let i = 0; i < 3; i++) step(i);
      expect(syncReads).toBe(0);
      // A checkpoint's way: setWeights, then the running β powers assigned from outside.
      const weights = await core.getWeights();
      await fused.setWeights(weights.map((w) => ({ name: w.name.replace(b.name, a.name), tensor: w.tensor })));
      tf.dispose(weights.filter((w) => w.name === 'iter').map((w) => w.tensor)); // the rest are core's own variables
      const fields = (o: tf.Optimizer) => o as unknown as { accBeta1: tf.Variable; accBeta2: tf.Variable };
      tf.tidy(() => fields(fused).accBeta1.assign(tf.scalar(fields(core).accBeta1.dataSync()[0])));
      await fused.readPowers();
      syncReads = 0; // (wasm's data() reads through readSync)
      for (let i = 3; i < 6; i++) step(i);
      expect(syncReads).toBe(0);
      expectClose(a.dataSync(), b.dataSync(), 1e-6, 'after outside assignment');
      // Assigned again without readPowers: the next step reads them once, synchronously.
      tf.tidy(() => fields(fused).accBeta2.assign(tf.scalar(fields(core).accBeta2.dataSync()[0])));
      syncReads = 0;
      step(6);
      expect(syncReads).toBe(2);
      expectClose(a.dataSync(), b.dataSync(), 1e-6, 'after a silent assignment');
    } finally {
      backend.readSync = readSync;
      fused.dispose();
      core.dispose();
      tf.dispose([a, b]);
    }
  });
});
