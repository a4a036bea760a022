/** Lesson 6's point on real images (WASM, seeded): without regularisation the train/validation gap is larger than with dropout, and most regularisers narrow it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { realData, runPlan, useWasm } from '../../test-support/experiments';
import { overfittingLesson } from './overfitting';

beforeAll(useWasm);

describe('lesson 6: overfitting', () => {
  it('the gap without regularisation is larger than with dropout, and larger than with most regularisers', async () => {
    const lesson = overfittingLesson({ trainSize: 1250, testSize: 1000, epochs: 12 });
    const results = await runPlan(lesson.plan, realData(1250, 1000));
    const explanation = lesson.explain(results);
    expect(explanation.figures.noneGap).toBeGreaterThan(explanation.figures.dropoutGap);
    expect(explanation.pointHolds).toBe(true);
  }, 900_000);
});
