/**
 * Times the wasm training kernels' strategies on the default CNN's shapes (Node, one
 * thread): median CPU time of many calls, each strategy against the others in the same process.
 *
 *   npx tsx scripts/profile/wasmKernels.ts [--reps=30]
 */
import * as tf from '@tensorflow/tfjs';
import { conv2DBackpropFilterWasm, type FilterGradStrategy } from '../../src/ml/backends/wasm/conv2DBackpropFilter';
import { registerWasmTrainingKernels } from '../../src/ml/backends/wasm/registerWasmTrainingKernels';
import type { BackendWasm } from '../../src/ml/backends/wasm/wasmBackendAccess';

const reps = Number(process.argv.find((a) => a.startsWith('--reps='))?.split('=')[1] ?? '30');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(run: () => void): number {
  for (let i = 0; i < 3; i++) run();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    // This process's CPU time: on a busy shared machine wall time mostly measures the others.
    const c0 = process.cpuUsage();
    run();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  return median(times);
}

/** [x shape, filter shape, padding] of the convolutions whose filter gradients training needs. */
const FILTER_CASES: [number[], number[], 'valid' | 'same'][] = [
  [[64, 28, 28, 1], [3, 3, 1, 32], 'valid'], // Simple CNN conv 1
  [[64, 13, 13, 32], [3, 3, 32, 64], 'valid'], // Simple CNN conv 2


];

async function main() {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  const backend = tf.backend() as unknown as BackendWasm;
  for (const [xShape, filterShape, pad] of FILTER_CASES) {
    const x = tf.randomNormal(xShape);
    const dyShape = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number], 1, 1, pad).outShape;
    const dy = tf.randomNormal(dyShape);
    const attrs = { strides: 1, pad, dataFormat: 'NHWC', filterShape } as never;
    const row: string[] = [];
    const variants: [string, FilterGradStrategy, number][] = [
      ...(filterShape[2] === 1 ? [['direct', 'direct', 0] as [string, FilterGradStrategy, number]] : []),
      ['dyT', 'dyT', 0],
      ['colsT unchunked', 'colsT', Infinity],
      ...[242, 484, 968, 2048].map((rows): [string, FilterGradStrategy, number] => [`colsT ${rows}`, 'colsT', rows]),
    ];
    for (const [label, strategy, rows] of variants) {
      const ms = time(() => backend.disposeData(conv2DBackpropFilterWasm({ inputs: { x, dy }, backend, attrs }, strategy, rows).dataId));
      row.push(`${label} ${ms.toFixed(2)}`);
    }
    console.log(`Conv2DBackpropFilter x [${xShape}] filter [${filterShape}] ${pad} (ms): ${row.join(', ')}`);
    tf.dispose([x, dy]);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
