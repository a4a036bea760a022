/** Lesson 8's point on real images (WASM, seeded): fine-tuning the shipped model beats the same network from scratch, and beats every single change to the small CNN. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModelFromFiles } from '../../ml/models/loadModel';
import { realData, runPlan, useWasm } from '../../test-support/experiments';
import { improveLesson } from './improve';

const dir = join(import.meta.dirname, '../../../public/models/pretrained');
const loadPretrained = () => loadModelFromFiles({ modelJson: readFileSync(join(dir, 'model.json'), 'utf8'), weights: new Uint8Array(readFileSync(join(dir, 'weights.bin'))) });

beforeAll(useWasm);

describe('lesson 8: improving the CNN', () => {
  it('starting from the trained network helps more than any one change', async () => {
    const lesson = improveLesson({ trainSize: 1500, testSize: 1000, epochs: 2 });
    const results = await runPlan(lesson.plan, realData(1500, 1000), loadPretrained);
    const explanation = lesson.explain(results);
    expect(explanation.pointHolds).toBe(true);
  }, 900_000);
});
