/**
 * Runs an experiment plan in Node as the engine does (ExperimentRoom, the same builder, loop
 * and evaluation) on the WASM backend with the training kernels, on real images.
 */
import * as tf from '@tensorflow/tfjs';
import { ExperimentRoom } from '../engine/experimentRoom';
import { SplitData, type FashionMnistData } from '../ml/data/dataset';
import { registerWasmTrainingKernels } from '../ml/backends/wasm/registerWasmTrainingKernels';
import type { ArmResult, ExperimentPlan, ExperimentUpdate } from '../ml/experiments/plan';
import { loadRealSubset } from './realData';

export async function useWasm(): Promise<void> {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  await tf.ready();
}

function split(name: 'train' | 'test', count: number): SplitData {
  const { images, labels } = loadRealSubset(name, count);
  const data = new SplitData(name, count, [{ first: 0, count }]);
  data.setSheet(0, images);
  data.setLabels(labels);
  return data;
}

/** The first `train` training and `test` test images (each at most 5,000). */
export function realData(train: number, test: number): FashionMnistData {
  return { train: split('train', train), test: split('test', test) };
}

/** Every arm's result by id, after the whole plan ran; throws if it did not finish. */
export async function runPlan(plan: ExperimentPlan, data: FashionMnistData, loadPretrained?: () => Promise<tf.LayersModel>): Promise<Record<string, ArmResult>> {
  const results: Record<string, ArmResult> = {};
  let end: ExperimentUpdate | null = null;
  await new ExperimentRoom().run(plan, {
    data,
    backend: tf.getBackend(),
    loadPretrained: loadPretrained ?? (() => Promise.reject(new Error('no pretrained model in this test'))),
    report: (update) => {
      if (update.kind === 'armEnded') results[update.result.armId] = update.result;
      if (update.kind === 'ended') end = update;
    },
  });
  const ended = end as ExperimentUpdate | null;
  if (ended?.kind !== 'ended' || ended.status !== 'done') throw new Error(`the experiment did not finish: ${JSON.stringify(ended)}`);
  return results;
}
