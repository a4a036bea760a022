/** Lesson 3's point on real images (WASM, seeded): pooling shrinks the network many times and loses less on shifted images; max keeps the peaks. */
import { beforeAll, describe, expect, it } from 'vitest';
import { realData, runPlan, useWasm } from '../../test-support/experiments';
import { poolingLesson } from './pooling';

beforeAll(useWasm);

describe('lesson 3: pooling', () => {
  it('pooling quarters the maps, shrinks the network and steadies it under a shift; max keeps the strongest responses', async () => {
    const lesson = poolingLesson({ trainSize: 2000, testSize: 1000, epochs: 2 });
    const results = await runPlan(lesson.plan, realData(2000, 1000));
    const explanation = lesson.explain(results);
    expect(explanation.pointHolds).toBe(true);
  }, 900_000);
});
