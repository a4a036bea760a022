/** The engine's browser wiring (in its worker or on the page): fetch, sheet decoders, backends, GPU info. */
import { pureSheetDecoder } from '../ml/data/loader';
import { canvasSheetDecoder } from '../platform/canvasSheetDecoder';
import { openDataCache } from '../platform/dataCache';
import { loseDevice, resetBackend, watchDeviceLoss } from '../platform/deviceLoss';
import { readWebGlInfo } from '../platform/gpuInfo';
import { describeWasm, prepareWasm } from '../platform/wasmBackend';
import { isSoftwareWebGpu, prepareWebGpu } from '../platform/webgpuBackend';
import type { EngineDeps } from './shared';

export function browserEngineDeps(): EngineDeps {
  return {
    fetch: (url, init) => globalThis.fetch(url, init),
    // 'pure' skips the browser's decoder (useful to compare, and for browsers that alter pixels).
    decoders: (choice) => (choice === 'pure' ? [pureSheetDecoder] : [canvasSheetDecoder, pureSheetDecoder]),
    backendPlatform: { prepareWasm, prepareWebGpu, describeWasm, isSoftwareWebGl: () => readWebGlInfo()?.software ?? false, isSoftwareWebGpu, watchDeviceLoss, resetBackend, loseDevice },
    readGpuInfo: readWebGlInfo,
    openDataStore: openDataCache,
  };
}
