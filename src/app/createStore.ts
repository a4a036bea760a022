/** Wires the store to the browser: fetch, decoders, backends, the address bar. */
import { serializeUrlState } from '../ml/config/urlState';
import { pureSheetDecoder } from '../ml/data/loader';
import { addressAtStart } from '../platform/addressGuard';
import { canvasSheetDecoder } from '../platform/canvasSheetDecoder';
import { readWebGlInfo } from '../platform/gpuInfo';
import { describeWasm, prepareWasm } from '../platform/wasmBackend';
import { prepareWebGpu } from '../platform/webgpuBackend';
import { PlaygroundStore } from '../state/playgroundStore';

export function createPlaygroundStore(): PlaygroundStore {
  // The address as opened (its problems included): it has been rewritten to its canonical form since.
  const parsed = addressAtStart.parsed;
  // ?decoder=pure skips the canvas path (useful to compare, and for browsers that alter pixels).
  const forcePure = parsed.view.decoder === 'pure';
  return new PlaygroundStore(parsed, {
    dataBaseUrl: `${import.meta.env.BASE_URL}data/`,
    fetch: (url, init) => window.fetch(url, init),
    decoders: forcePure ? [pureSheetDecoder] : [canvasSheetDecoder, pureSheetDecoder],
    backendPlatform: { prepareWasm, prepareWebGpu, describeWasm, isSoftwareWebGl: () => readWebGlInfo()?.software ?? false },
    readGpuInfo: readWebGlInfo,
    onConfigChange: (config, spec) => {
      const url = new URL(window.location.href);
      const extra = new URLSearchParams(url.search);
      const query = new URLSearchParams(serializeUrlState(config, spec));
      // Parameters that are not settings (decoder choice, instructor mode) survive the rewrite.
      for (const key of ['decoder', 'instructor']) if (extra.has(key)) query.set(key, extra.get(key)!);
      url.search = query.toString();
      window.history.replaceState(null, '', url);
    },
  });
}
