/**
 * The installable, offline app (vite-plugin-pwa, Workbox): the web app manifest and the
 * service worker built from src/serviceWorker/sw.ts with the precache list injected.
 *
 * Precached (what the page needs to start, train, classify and save offline): the app shell,
 * every JavaScript chunk (the engine's worker included), the WebAssembly binaries and the
 * threads worker files (scripts/vite/wasmThreadsWorkerFiles.ts emits them into assets/), the
 * icons, the data manifest and the pretrained model. Not precached: the dataset's sheets and
 * labels (32 MB), which the engine keeps in its own verified copy as they stream in on the
 * first visit (src/ml/data/offlineCopy.ts), so the first load is not held up by them.
 *
 * Development: the worker is never registered by `npm run dev` (the registration module is a
 * no-op there, and src/platform/serviceWorker.ts removes one left over from a build served on
 * the same address).
 */
import { VitePWA } from 'vite-plugin-pwa';
import type { PluginOption } from 'vite';

export const APP_NAME = 'Fashion-MNIST CNN Playground';
export const THEME_COLOR = '#0b63c5';

export function appPwa(): PluginOption {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/serviceWorker',
    filename: 'sw.ts',
    // The page asks before an update takes over (never under a running training).
    registerType: 'prompt',
    // src/platform/serviceWorker.ts registers it (after the app has started).
    injectRegister: false,
    // icons/*.png are in globPatterns already (with the favicon and the touch icon).
    includeManifestIcons: false,
    manifest: {
      name: APP_NAME,
      short_name: 'CNN Playground',
      description: 'Train a convolutional neural network on Fashion-MNIST in your browser and watch it learn, offline too.',
      // Relative: the app works under any sub-path.
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#f6f7f9',
      theme_color: THEME_COLOR,
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    injectManifest: {
      globPatterns: ['index.html', 'assets/*.{js,css,wasm}', 'icons/*.png', 'data/manifest.json', 'data/LICENSE.txt', 'models/pretrained/{model.json,metadata.json,weights.bin}'],
      // The benchmark's baseline page and its chunk are not part of the app.
      globIgnores: ['bench/**', 'assets/baseline*.js'],
      // The main chunk, the WASM binaries and the model's weights are each above Workbox's 2 MiB default.
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    },
    devOptions: { enabled: false },
  });
}
