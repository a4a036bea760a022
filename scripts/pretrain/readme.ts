/** The README's pretrained-model paragraph, between <!-- pretrain:start --> and <!-- pretrain:end -->, from the run's facts. */
import { readFile, writeFile } from 'node:fs/promises';
import type { ModelMetadata } from '../../src/ml/models/metadata';
import type { PretrainRun } from './metadata';

export function pretrainSummary(run: PretrainRun, metadata: ModelMetadata, weightBytes: number, modelJsonBytes: number): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const minutes = (run.trainingSeconds / 60).toFixed(0);
  const status = run.complete
    ? `trained for all ${run.options.epochs} epochs`
    : `**interim: ${run.epochs.length} of ${run.options.epochs} epochs** (the run was interrupted; \`npm run pretrain -- --resume\` finishes it and rewrites these files and this paragraph)`;
  const rows = run.epochs.map((e) => `| ${e.epoch + 1} | ${e.learningRate.toExponential(2)} | ${e.loss.toFixed(4)} | ${pct(e.accuracy)} | ${e.testLoss.toFixed(4)} | ${pct(e.testAccuracy)} | ${e.seconds.toFixed(0)} s |`);
  return [
    `Shipped model: preset **${run.options.preset}** (${metadata.parameterCount?.toLocaleString('en')} parameters), ${status}; ` +
      `**test accuracy ${pct(metadata.testAccuracy?.accuracy ?? NaN)}** on the 10,000 test images; ` +
      `${((weightBytes + modelJsonBytes) / 1024).toFixed(0)} KiB on the wire (float32 weights ${(weightBytes / 1024).toFixed(0)} KiB + model.json). ` +
      `Command: \`${metadata.training?.command ?? ''}\`. Training took ${minutes} min wall-clock (including scoring the test set after each epoch) ` +
      `on ${run.machine.cores} cores (${run.machine.cpuModel}), ${run.machine.os}, Node ${run.machine.node}, tfjs ${run.tfjsVersion} ${run.backend} backend, ` +
      `on a machine shared with other jobs (tests, other training runs), so an idle machine is faster.`,
    '',
    '| epoch | learning rate | train loss | train accuracy | test loss | test accuracy | epoch time |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export async function updateReadme(path: string, summary: string): Promise<boolean> {
  const text = await readFile(path, 'utf8');
  const pattern = /<!-- pretrain:start -->[\s\S]*?<!-- pretrain:end -->/;
  if (!pattern.test(text)) return false;
  await writeFile(path, text.replace(pattern, `<!-- pretrain:start -->\n${summary}\n<!-- pretrain:end -->`));
  return true;
}
