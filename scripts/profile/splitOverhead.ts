/**
 * What the two-thread split costs in bookkeeping: the default CNN's training step on WASM in
 * Node (one thread), with the split kernels run directly ('direct') and recorded as blocks and
 * replayed on the same thread by a stand-in helper that never claims a block ('recorded'), in
 * alternating rounds; this process's CPU time per step. The difference is what recording,
 * writing and replaying the calls adds to a split step's engine-side work.
 *
 *   npx tsx scripts/profile/splitOverhead.ts [--rounds=4] [--steps=20]
 */
import '../../src/test-support/relaxedSimd';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { loadavg } from 'node:os';
import { registerWasmTrainingKernels } from '../../src/ml/backends/wasm/registerWasmTrainingKernels';
import { standInStarter } from '../../src/ml/backends/wasm/split/standInHelper';
import { gemmSplitCounts, setGemmHelperStarter, setGemmSplitAdaptive } from '../../src/ml/backends/wasm/split/twoThreads';
import { buildModel, createOptimizer } from '../../src/ml/model/build';
import { SIMPLE_CNN } from '../../src/ml/model/spec';
import { crossEntropy } from '../../src/ml/training/trainStep';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const rounds = Number(arg('rounds', '4'));
const steps = Number(arg('steps', '20'));

async function main() {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  setGemmSplitAdaptive(false);
  const model = buildModel(SIMPLE_CNN, { seed: 1 });
  const optimizer = createOptimizer('adam', 0.001);
  const x = tf.randomUniform([64, 28, 28, 1]) as tf.Tensor4D;
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % 10), 'int32'), 10) as tf.Tensor2D;
  const step = () => tf.dispose(optimizer.minimize(() => crossEntropy(y, model.apply(x, { training: true }) as tf.Tensor2D), true) ?? []);
  for (let i = 0; i < 3; i++) step();
  for (let r = 0; r < rounds; r++) {
    for (const mode of r % 2 === 0 ? ['direct', 'recorded'] : ['recorded', 'direct']) {
      setGemmHelperStarter(mode === 'recorded' ? standInStarter(0, { started: 0, blocks: 0, terminated: 0 }) : null);
      step();
      const before = gemmSplitCounts().split;
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < steps; i++) step();
      const cpu = process.cpuUsage(cpu0);
      console.log(`${mode.padEnd(8)}: ${((cpu.user + cpu.system) / 1000 / steps).toFixed(1)} CPU ms per step, ${gemmSplitCounts().split - before} split calls; load ${loadavg()[0].toFixed(2)}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
