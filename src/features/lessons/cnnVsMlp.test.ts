/** Lesson 1's point on real images (WASM, seeded): the CNN beats the MLP with fewer weights and loses less on shifted images. */
import { beforeAll, describe, expect, it } from 'vitest';
import { realData, runPlan, useWasm } from '../../test-support/experiments';
import { cnnVsMlpLesson } from './cnnVsMlp';

beforeAll(useWasm);

describe('lesson 1: CNN vs fully connected', () => {
  it('the CNN does at least as well with a third of the weights, and is hurt less by a shift', async () => {
    const lesson = cnnVsMlpLesson({ trainSize: 5000, testSize: 1000, epochs: 3 });
    const results = await runPlan(lesson.plan, realData(5000, 1000));
    const explanation = lesson.explain(results);
    expect(explanation.figures.mlpParams).toBe(101_770);
    expect(explanation.pointHolds).toBe(true);
    expect(explanation.supports).toBe('cnn');
  }, 600_000);
});
