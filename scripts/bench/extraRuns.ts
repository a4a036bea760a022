/**
 * The benchmark's measurements beyond one row per backend: the engine on the page (the same
 * measurement with the engine out of its worker, for comparison in the same run) and each
 * preset's time to accuracy on the automatic backend.
 */
import type { Browser } from '@playwright/test';
import type { BackendMeasurement, BenchHarness, MeasureOptions } from '../../src/bench/harness';
import type { BenchTimeToAccuracyResult } from '../../src/protocol/bench';
import { PRESET_IDS, presetById, type PresetId } from '../../src/ml/model/presets';

export type OpenBench = (browser: Browser, query: string, initScript?: () => void) => Promise<{ page: import('@playwright/test').Page; ready: { backend: string | null } }>;

/** The usual measurement of `backend`, with the engine running on the page instead of a worker. */
export async function measureEngineOnPage(browser: Browser, openBench: OpenBench, backend: string, options: MeasureOptions): Promise<BackendMeasurement> {
  const { page, ready } = await openBench(browser, `?backend=${backend}`, () => {
    (window as unknown as { __PLAYGROUND_BENCH_ENGINE_ON_PAGE__: boolean }).__PLAYGROUND_BENCH_ENGINE_ON_PAGE__ = true;
  });
  try {
    if (ready.backend !== backend) throw new Error(`${backend} did not start on the page (got ${ready.backend})`);
    const m = await page.evaluate((o) => (window as unknown as { playgroundBench: BenchHarness }).playgroundBench.measure(o), options);
    if (m.thread !== 'page') throw new Error(`the engine ran in the ${m.thread}, not on the page`);
    return m;
  } finally {
    await page.close();
  }
}

export interface TimeToAccuracySizes {
  readonly trainSize: number;
  readonly testSize: number;
  /** Training seconds (evaluations not counted) after which a preset's run is cut short. */
  readonly capSeconds: number;
}

/** Full: the app's whole training set, scored on all 10,000 test images, up to 5½ minutes of training each. */
export const timeToAccuracySizes = (quick: boolean): TimeToAccuracySizes => (quick ? { trainSize: 2000, testSize: 1000, capSeconds: 8 } : { trainSize: 60000, testSize: 10000, capSeconds: 330 });

export async function measureTimeToAccuracy(
  launch: () => Promise<Browser>,
  openBench: OpenBench,
  backend: string,
  sizes: TimeToAccuracySizes,
  presets: readonly PresetId[] = PRESET_IDS,
  log: (line: string) => void = () => {},
): Promise<Record<string, BenchTimeToAccuracyResult | { error: string }>> {
  const out: Record<string, BenchTimeToAccuracyResult | { error: string }> = {};
  for (const preset of presets) {
    // A fresh browser each: no preset inherits another's heap or compiled kernels.
    const browser = await launch();
    try {
      const { page } = await openBench(browser, `?backend=${backend}`);
      // A recipe tuned for a longer budget (the ~10-minute one) gets that budget, and 10% more.
      const budget = presetById(preset).recommended?.budgetSeconds ?? 0;
      const capSeconds = sizes.trainSize < 60000 ? sizes.capSeconds : Math.max(sizes.capSeconds, Math.ceil(1.1 * budget));
      const result = await page.evaluate((o) => (window as unknown as { playgroundBench: BenchHarness }).playgroundBench.timeToAccuracy(o), { preset, ...sizes, capSeconds });
      out[preset] = result;
      const last = result.scores.at(-1);
      log(`${preset}: ${last ? `${(100 * last.testAccuracy).toFixed(2)}% after ${last.epoch.toFixed(2)} epochs, ${last.trainSeconds.toFixed(0)} s training` : 'no score'}${result.capped ? ' (time cap)' : ''}; ${result.examplesPerSecond.toFixed(0)} ex/s`);
    } catch (error) {
      out[preset] = { error: (error as Error).message.split('\n')[0] };
      log(`${preset}: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      await browser.close();
    }
  }
  return out;
}
