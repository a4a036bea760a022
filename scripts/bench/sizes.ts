/** How much work each backend gets: enough for stable medians, bounded in time on slow backends. */
import type { MeasureOptions } from '../../src/bench/harness';

export const BACKENDS = ['webgl', 'webgpu', 'wasm', 'cpu'] as const;
export type BenchBackend = (typeof BACKENDS)[number];

const base = { batchSize: 64, warmupBatches: 2 };

/**
 * Our loop and the baseline train on as many examples (the baseline's chart redraws grow with
 * its history). Our loop runs them as 2 epochs, so keep `examples` a multiple of 2 × 64: a
 * short last batch would make its interval look fast.
 */
const sized = (examples: number, evalImages: number, predictCalls: number, warmupBatches = base.warmupBatches): MeasureOptions => ({
  ...base,
  warmupBatches,
  trainExamples: examples,
  baselineExamples: examples,
  evalImages,
  predictCalls,
});

export function sizesFor(backend: BenchBackend, quick: boolean): MeasureOptions {
  switch (backend) {
    case 'wasm':
      return quick ? sized(1024, 2000, 50) : sized(4096, 10000, 100);
    case 'webgpu':
      // Several times slower than WebGL where both are emulated (SwiftShader): keep --quick short.
      return quick ? sized(384, 200, 20) : sized(768, 2000, 100);
    case 'webgl':
      return quick ? sized(384, 500, 30) : sized(768, 2000, 100);
    case 'cpu':
      return quick ? sized(256, 200, 10, 1) : sized(512, 500, 30, 1);
  }
}
