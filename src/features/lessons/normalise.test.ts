/** Lesson 4's point on real images (WASM, seeded): after the same steps, raw 0–255 inputs leave a higher loss than 0–1 inputs, for several seeds. */
import { beforeAll, describe, expect, it } from 'vitest';
import { realData, runPlan, useWasm } from '../../test-support/experiments';
import { normaliseLesson } from './normalise';

beforeAll(useWasm);

describe('lesson 4: normalising pixel values', () => {
  it('raw pixels reach a higher loss and a lower accuracy after the same steps, whatever the seed', async () => {
    const lesson = normaliseLesson({ trainSize: 2000, testSize: 1000, epochs: 2 });
    const data = realData(2000, 1000);
    for (const seed of [6, 11, 23]) {
      const plan = { ...lesson.plan, arms: lesson.plan.arms.map((arm) => ({ ...arm, config: { ...arm.config, seed } })) };
      const explanation = lesson.explain(await runPlan(plan, data));
      expect(explanation.pointHolds, `seed ${seed}: ${JSON.stringify(explanation.figures)}`).toBe(true);
      expect(explanation.supports).toBe('normalised');
      expect(explanation.figures.rawAccuracy).toBeLessThan(explanation.figures.unitAccuracy);
    }
  }, 900_000);
});
