/** Lesson 2's point on real images (WASM, seeded): filters move away from their random start and respond to different parts; a hand-made vertical-edge filter lights up a trouser's edges more than a horizontal one. */
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_PIXELS } from '../../ml/constants';
import { loadRealSubset } from '../../test-support/realData';
import { realData, runPlan, useWasm } from '../../test-support/experiments';
import { FILTER_IMAGE, filterResponse, filtersLesson, PRESET_KERNELS } from './filters';

beforeAll(useWasm);

describe('lesson 2: filters', () => {
  it('the learned filters form and differ from each other', async () => {
    const lesson = filtersLesson({ trainSize: 2000, testSize: 1000, epochs: 2 });
    const results = await runPlan(lesson.plan, realData(2000, 1000));
    expect(lesson.explain(results).pointHolds).toBe(true);
  }, 600_000);

  it('a vertical-edge filter responds more to trousers than a horizontal-edge filter', () => {
    const test = loadRealSubset('test', 200);
    expect(test.labels[FILTER_IMAGE]).toBe(1);
    const kernel = (id: string) => PRESET_KERNELS.find((k) => k.id === id)!.kernel;
    let trousers = 0;
    for (let i = 0; i < 200; i++) {
      if (test.labels[i] !== 1) continue;
      trousers++;
      const image = test.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS);
      expect(filterResponse(image, kernel('vertical')).total).toBeGreaterThan(filterResponse(image, kernel('horizontal')).total);
    }
    expect(trousers).toBeGreaterThan(5);
  });
});
