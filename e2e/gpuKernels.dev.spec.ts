import { expect, test } from '@playwright/test';
import type { GpuAdamReport } from '../src/test-support/gpuAdamCheck';
import type { WarmupCheckReport } from '../src/test-support/gpuWarmupCheck';
import { CHROMIUM_ARGS, findChromium } from './browser';

// WebGPU is behind a flag on Linux; with it, Chromium offers a (software) adapter.
test.use({ launchOptions: { executablePath: findChromium(), args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] } });

// Our GPU training kernels against the cpu backend, in the browser (WebGL and WebGPU do not run
// under Node; here both are SwiftShader). The development server serves the check module
// (src/test-support/gpuAdamCheck.ts) as it serves the app's sources; any page of its origin can
// import it, so the app itself is not started.
for (const backend of ['webgl', 'webgpu'] as const) {
  test(`the fused Adam and ReLU gradient on ${backend} match tfjs-core's on cpu, one kernel per variable, without read-backs or recompiles`, async ({ page }) => {
    await page.goto('/icons/favicon-32.png');
    const report: GpuAdamReport = await page.evaluate(
      async ({ name, url }) => {
        const check = (await import(/* @vite-ignore */ url)) as typeof import('../src/test-support/gpuAdamCheck');
        return check.checkFusedAdamOn(name);
      },
      { name: backend, url: '/src/test-support/gpuAdamCheck.ts' },
    );
    console.info(`${backend}: ${JSON.stringify(report)}`);
    expect(report.backend).toBe(backend);
    // One step's three outputs, and five steps of weights and moments, within float32 roundings.
    expect(report.kernelError).toBeLessThan(1e-5);
    // tfjs-core's Adam on the same GPU gives the same numbers; against cpu both may stray as far
    // as the GPU's own division and square root do (SwiftShader's WebGL: 1e-5 to 3e-4 after 5 steps, varying between runs).
    expect(report.againstStockOnGpu).toBeLessThan(1e-5);
    expect(report.optimizerError).toBeLessThanOrEqual(Math.max(1e-5, 1.5 * report.stockOptimizerError));
    expect(report.optimizerError).toBeLessThan(1e-2);
    // One ADAM_UPDATE per variable (4 here) and tfjs-core's two β-power multiplies; no element-wise chain.
    expect(report.stepKernels.filter((k) => k === 'FashionPlaygroundAdamUpdate')).toHaveLength(4);
    expect(report.stepKernels.filter((k) => k !== 'FashionPlaygroundAdamUpdate')).toEqual(['Multiply', 'Multiply']);
    expect(report.programsCompiledLater).toBe(0);
    expect(report.syncReads).toBe(0);
    expect(report.tensors[1]).toBe(report.tensors[0]);
    // ReLU's gradient in one kernel: exactly dy or 0.
    expect(report.reluGradError).toBe(0);
  });
}

// The app compiles the training step's programs while the data loads (src/engine/shaderWarmup.ts):
// after that warm-up step, a real run of the default CNN compiles at most the one program its
// second step needs (a packed reshape of the updated first-layer kernel; see ml/training/warmup.ts).
test('after the shader warm-up on webgl, a real run of the default CNN compiles at most one new program', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/icons/favicon-32.png');
  const report: WarmupCheckReport = await page.evaluate(
    async ({ url }) => {
      const check = (await import(/* @vite-ignore */ url)) as typeof import('../src/test-support/gpuWarmupCheck');
      return check.checkWarmupOn('webgl');
    },
    { url: '/src/test-support/gpuWarmupCheck.ts' },
  );
  console.info(`warm-up: ${JSON.stringify(report)}`);
  expect(report.warmupPrograms).toBeGreaterThan(50);
  expect(report.compiledByRun).toBeLessThanOrEqual(1);
  for (const key of report.missed) expect(key).toMatch(/^ReshapePackedProgram/);
});

// Batches gathered from the images kept on the device (src/ml/data/residentImages.ts) compile
// their programs in the first batch only, however the batch falls across the chunks.
test('gathering batches from the resident chunks on webgl compiles programs only at first', async ({ page }) => {
  await page.goto('/icons/favicon-32.png');
  const compiled: number[] = await page.evaluate(
    async ({ url }) => {
      const check = (await import(/* @vite-ignore */ url)) as typeof import('../src/test-support/gpuBatchCheck');
      return check.compiledPerBatch(12);
    },
    { url: '/src/test-support/gpuBatchCheck.ts' },
  );
  console.info(`programs compiled per batch: ${compiled.join(', ')}`);
  expect(compiled[0]).toBeGreaterThan(0);
  expect(compiled.slice(1).reduce((a, b) => a + b, 0)).toBe(0);
});
