/** How much work each backend gets: enough for stable medians, bounded in time on slow backends. */
import type { MeasureOptions } from '../../src/bench/harness';

export const BACKENDS = ['webgl', 'webgpu', 'wasm', 'cpu'] as const;
export type BenchBackend = (typeof BACKENDS)[number];

const base = { batchSize: 64, warmupBatches: 2 };

export function sizesFor(backend: BenchBackend, quick: boolean): MeasureOptions {
  switch (backend) {
    case 'wasm':
      return quick
        ? { ...base, trainExamples: 1024, baselineExamples: 512, evalImages: 2000, predictCalls: 50 }
        : { ...base, trainExamples: 4096, baselineExamples: 1024, evalImages: 10000, predictCalls: 100 };
    case 'webgpu':
      // Several times slower than WebGL where both are emulated (SwiftShader): keep --quick short.
      return quick
        ? { ...base, trainExamples: 384, baselineExamples: 192, evalImages: 200, predictCalls: 20 }
        : { ...base, trainExamples: 768, baselineExamples: 448, evalImages: 2000, predictCalls: 100 };
    case 'webgl':
      return quick
        ? { ...base, trainExamples: 384, baselineExamples: 320, evalImages: 500, predictCalls: 30 }
        : { ...base, trainExamples: 768, baselineExamples: 448, evalImages: 2000, predictCalls: 100 };
    case 'cpu':
      return quick
        ? { ...base, warmupBatches: 1, trainExamples: 384, baselineExamples: 256, evalImages: 200, predictCalls: 10 }
        : { ...base, warmupBatches: 1, trainExamples: 512, baselineExamples: 320, evalImages: 500, predictCalls: 30 };
  }
}
