/**
 * The two-thread split of the gemm.wat kernels (twoThreads.ts), with an in-thread stand-in for
 * the helper worker (standInHelper.ts) over the real control block: the shares cover every image
 * or row once, the filter gradient's partial sums are added, and the default CNN's gradients
 * match the cpu backend's however the blocks fall between the threads; a block the helper failed
 * is run again on this thread; no buffers are left behind.
 */
import '../../../../test-support/relaxedSimd';
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { tryBackend } from '../../activateBackend';
import { buildModel, createOptimizer } from '../../../model/build';
import { SIMPLE_CNN } from '../../../model/spec';
import { crossEntropy } from '../../../training/trainStep';
import { addInto } from '../conv2DBackpropFilterGemm';
import { expectClose, flatGradients, randomArray, switchBackend, wasmBackend } from '../testUtils';
import { COMMAND_INTS, CommandRecorder, OP_GEMM, OP_IM2COL_TAP, resultsOr, runCommands } from './gemmCommands';
import { standInStarter, type StandInLog } from './standInHelper';
import { gemmShares, gemmSplitCounts, setGemmHelperStarter, setGemmSplitAdaptive, shareRange } from './twoThreads';

const BATCH = 16;

function gradients(): Float32Array {
  const model = buildModel(SIMPLE_CNN, { seed: 21 });
  const x = tf.tensor4d(randomArray([BATCH, 28, 28, 1], 7).map((v) => Math.abs(v) / 3), [BATCH, 28, 28, 1]);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: BATCH }, (_, i) => i % 10), 'int32'), 10) as tf.Tensor2D;
  const out = flatGradients(model, x, y);
  tf.dispose([x, y]);
  return out;
}

const newLog = (): StandInLog => ({ started: 0, blocks: 0, terminated: 0 });

// Always split when a helper is ready (the stand-in is slower than one thread: it runs here too).
setGemmSplitAdaptive(false);
afterEach(() => setGemmHelperStarter(null));

describe('shareRange', () => {
  it('covers 0 … total − 1 once, in order, the first shares one longer', () => {
    for (const total of [0, 1, 2, 7, 64, 1600]) {
      for (const parts of [1, 2]) {
        const ranges = Array.from({ length: parts }, (_, s) => shareRange(total, parts, s));
        expect(ranges[0][0]).toBe(0);
        expect(ranges[parts - 1][1]).toBe(total);
        for (let s = 1; s < parts; s++) expect(ranges[s][0]).toBe(ranges[s - 1][1]);
        const sizes = ranges.map(([lo, hi]) => hi - lo);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(sizes[0]).toBe(Math.max(...sizes));
      }
    }
    expect(shareRange(7, 2, 0)).toEqual([0, 4]);
    expect(shareRange(7, 2, 1)).toEqual([4, 7]);
  });
});

describe('addInto (the filter gradient shares’ final add)', () => {
  it('adds the second share’s partial sum into the first', () => {
    const sum = Float32Array.from([1, 2, 3]);
    addInto(sum, Float32Array.from([10, -2, 0.5]));
    expect([...sum]).toEqual([11, 0, 3.5]);
  });
});

describe('gemm commands', () => {
  it('record each call with its opcode and arguments, and replay them in order', () => {
    const recorder = new CommandRecorder();
    for (let i = 0; i < 100; i++) recorder.gemm(i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    recorder.im2colTransposedTap(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    expect(recorder.maxPoolGrad2x2(1, 2, 3, 4, 5, 6, 7)).toBe(0);
    recorder.filterGrad3x3SingleChannel(9, 8, 7, 6, 5, 4, 3, 2, 1);
    expect(recorder.count).toBe(103);
    expect(recorder.commands[99 * COMMAND_INTS]).toBe(OP_GEMM);
    expect(recorder.commands[100 * COMMAND_INTS]).toBe(OP_IM2COL_TAP);
    const memory = new WebAssembly.Memory({ initial: 1 });
    new Int32Array(memory.buffer, 64, 103 * COMMAND_INTS).set(recorder.commands.subarray(0, 103 * COMMAND_INTS));
    const calls: number[][] = [];
    const record = (...args: number[]) => {
      calls.push(args);
    };
    runCommands(memory, 64, 103, { gemm: record, im2colTransposedTap: record, maxPoolGrad2x2: (...args) => calls.push(args) && 0, filterGrad3x3SingleChannel: record });
    expect(calls).toHaveLength(103);
    expect(calls[42]).toEqual([42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(calls[100]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(calls[101]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(calls[102]).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(resultsOr(memory, 64, 103)).toBe(0);
    // A replayed call's result (maxPoolGrad2x2's NaN flag) is kept in its command and or-ed.
    runCommands(memory, 64, 103, { gemm: record, im2colTransposedTap: record, maxPoolGrad2x2: () => 1, filterGrad3x3SingleChannel: record });
    expect(resultsOr(memory, 64, 103)).toBe(1);
  });
});

describe('the default CNN on wasm, gemm.wat kernels split over two threads', () => {
  it('has the cpu backend gradients however the blocks fall between the threads', async () => {
    await switchBackend('cpu');
    const ref = gradients();
    await switchBackend('wasm');
    const oneThread = gradients();
    for (const blocksFirst of [0, 1, 3, Infinity]) {
      const log = newLog();
      setGemmHelperStarter(standInStarter(blocksFirst, log));
      expect(gemmShares(wasmBackend(), 8, 'test')).toBe(8);
      const before = gemmSplitCounts();
      const split = gradients();
      const after = gemmSplitCounts();
      // Conv 2 forward, filter and input gradients; Dense 1600 → 128 forward, dW and dx; conv 1's
      // filter gradient and the first MaxPool's gradient.
      expect(after.split - before.split, `${blocksFirst}`).toBe(8);
      const blocks = after.blocks - before.blocks;
      expect(after.blocksHere - before.blocksHere + log.blocks).toBe(blocks);
      expect(log.blocks).toBe(Math.min(blocks, 8 * blocksFirst));
      expectClose(split, ref, 1e-4, `split (${blocksFirst} first)`);
      expectClose(split, oneThread, 1e-5, `split (${blocksFirst} first) vs one thread`);
    }
  });

  it('keeps the pooling gradient’s NaN rule when the windows with a NaN fall to either thread', async () => {
    const values = randomArray([16, 26, 26, 32], 9);
    // A NaN in image 13 and a −∞ row in image 2: both flagged by maxPoolGrad2x2, then the scalar rule.
    values[13 * 26 * 26 * 32 + 5 * 26 * 32 + 7 * 32 + 3] = NaN;
    for (let col = 0; col < 2; col++) values[2 * 26 * 26 * 32 + (10 * 26 + col) * 32 + 1] = -Infinity;
    const poolGrad = () => tf.grad((x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid').mul(tf.range(0, 13 * 13 * 32).reshape([13, 13, 32]).sin()).sum())(tf.tensor4d(values, [16, 26, 26, 32]));
    await switchBackend('cpu');
    const ref = tf.tidy(() => poolGrad().dataSync() as Float32Array);
    await switchBackend('wasm');
    for (const blocksFirst of [0, Infinity]) {
      setGemmHelperStarter(standInStarter(blocksFirst, newLog()));
      const before = gemmSplitCounts().split;
      const got = tf.tidy(() => poolGrad().dataSync() as Float32Array);
      expect(gemmSplitCounts().split - before).toBe(1);
      expectClose(got, ref, 1e-5, `NaN rule (${blocksFirst} first)`);
    }
  });

  it('runs a block the helper failed on this thread and then stays on one thread', async () => {
    await switchBackend('wasm');
    const oneThread = gradients();
    const log = newLog();
    setGemmHelperStarter(standInStarter(1, log, true));
    const before = gemmSplitCounts();
    expectClose(gradients(), oneThread, 1e-5, 'replayed');
    const after = gemmSplitCounts();
    expect(after.replayed - before.replayed).toBe(1);
    expect(log.terminated).toBe(1);
    expect(gemmShares(wasmBackend(), 8, 'test')).toBe(1);
  });

  it('starts the helper when wasm becomes the backend and stops it when another takes over', async () => {
    const log = newLog();
    setGemmHelperStarter(standInStarter(0, log));
    expect(await tryBackend('wasm', {})).toBeNull();
    expect(log.started).toBe(1);
    expect(await tryBackend('cpu', {})).toBeNull();
    expect(log.terminated).toBe(1);
    expect(await tryBackend('wasm', {})).toBeNull();
    expect(log.started).toBe(2);
  });

  it('keeps tensors and wasm buffers flat over split Adam steps', async () => {
    await switchBackend('wasm');
    setGemmHelperStarter(standInStarter(2, newLog()));
    const backend = wasmBackend();
    const model = buildModel(SIMPLE_CNN, { seed: 22 });
    const optimizer = createOptimizer('adam', 0.001);
    const x = tf.tensor4d(randomArray([BATCH, 28, 28, 1], 8), [BATCH, 28, 28, 1]);
    const y = tf.oneHot(tf.tensor1d(Array.from({ length: BATCH }, (_, i) => i % 10), 'int32'), 10) as tf.Tensor2D;
    const step = () => tf.dispose(optimizer.minimize(() => crossEntropy(y, model.apply(x, { training: true }) as tf.Tensor2D), true) ?? []);
    step();
    step();
    const tensors = tf.memory().numTensors;
    const buffers = backend.numDataIds();
    const splits = gemmSplitCounts().split;
    for (let i = 0; i < 3; i++) step();
    expect(gemmSplitCounts().split - splits).toBe(24);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(buffers);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });
});
