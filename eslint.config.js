import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { importPatternFor, tfjsReachingModules } from './scripts/lint/tfjsReach.js';

// The layer matrix of docs/ARCHITECTURE.md, enforced: each folder of src/ may import only the
// layers below it. ml ← engine ← state ← components/features ← app; vis and platform are
// adapters (vis: the only importer of tfjs-vis and vega; platform: browser-only helpers).
const layer = (name) => ({ regex: `^(\\.\\./)+(?:src/)?${name}(/|$)`, message: `this layer may not import src/${name} (see docs/ARCHITECTURE.md).` });
const visLibraries = [
  { group: ['@tensorflow/tfjs-vis'], message: 'Only src/vis may import tfjs-vis.' },
  { group: ['vega-embed', 'vega', 'vega-lite', 'vega-interpreter'], message: 'Only src/vis may import vega (use src/vis/embedChart).' },
];
// zod 4 probes for `new Function` unless configured jitless: a CSP violation report.
const zodConfigured = { name: 'zod', message: "Import z from src/ml/zod (configured jitless: no eval under the app's CSP)." };
const react = { group: ['react', 'react-dom', 'react-dom/*'], message: 'This layer is plain TypeScript: no React.' };
const tfjs = { group: ['@tensorflow/tfjs', '@tensorflow/tfjs-*', '!@tensorflow/tfjs-vis'], message: 'Only the engine (and src/ml, src/platform under it) computes with TensorFlow.js; ask the engine through the store.' };

/** Folder → what it must not import. */
const matrix = {
  // Types shared by the page and the worker: plain data, never TensorFlow.js or the engine.
  'src/protocol/**': [react, ...visLibraries, tfjs, ...['engine', 'state', 'components', 'features', 'app', 'vis', 'bench'].map(layer)],
  'src/ml/**': [react, ...visLibraries, ...['engine', 'state', 'components', 'features', 'app', 'vis', 'platform', 'bench', 'address'].map(layer)],
  // The address: its parameter table over the pure ML settings; no tensors, no UI.
  'src/address/**': [react, ...visLibraries, tfjs, ...['engine', 'state', 'components', 'features', 'app', 'vis', 'platform', 'bench', 'protocol'].map(layer)],
  'src/platform/**': [react, ...visLibraries, ...['engine', 'state', 'components', 'features', 'app', 'vis', 'bench'].map(layer)],
  'src/engine/**': [react, ...visLibraries, ...['state', 'components', 'features', 'app', 'vis', 'bench'].map(layer)],
  'src/state/**': [...visLibraries, tfjs, ...['components', 'features', 'app', 'vis', 'platform', 'bench'].map(layer)],
  'src/vis/**': [react, tfjs, ...['engine', 'state', 'components', 'features', 'app', 'platform', 'bench'].map(layer)],
  'src/components/**': [...visLibraries, tfjs, ...['engine', 'features', 'app', 'bench'].map(layer)],
  // A feature imports state, components, vis, platform and ml, never another feature.
  'src/features/**': [
    ...visLibraries,
    tfjs,
    ...['engine', 'app', 'bench'].map(layer),
    { regex: '^\\.\\./(?!\\.\\.)[^/]+', message: 'Features never import each other: share through src/state or src/components.' },
  ],
  'src/app/**': [...visLibraries, tfjs],
  'src/bench/**': [...visLibraries, tfjs],
};

/** What the page loads eagerly (the engine runs in its worker). */
const pageLayers = ['src/protocol/**', 'src/address/**', 'src/state/**', 'src/components/**', 'src/features/**', 'src/app/**', 'src/vis/**'];

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', 'playwright-report', 'public', 'e2e/.artifacts', 'bench/.tmp'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [zodConfigured], patterns: visLibraries }],
    },
  },
  ...Object.entries(matrix).map(([files, patterns]) => ({ files: [files], rules: { 'no-restricted-imports': ['error', { paths: [zodConfigured], patterns }] } })),
  // The page never loads TensorFlow.js, not even through a helper that sits next to tfjs code:
  // no value import of any file that (transitively) imports it. Types are fine (erased);
  // a dynamic import() (the on-page fallback engine) is not an import declaration.
  {
    files: pageLayers,
    ignores: ['src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: importPatternFor(tfjsReachingModules('src')), allowTypeImports: true, message: 'This module loads TensorFlow.js, which the page never does: import its types only, or move the pure part to a file of its own (the engine computes; the page asks through the store).' }] }] },
  },
  { files: ['src/ml/zod.ts'], rules: { 'no-restricted-imports': 'off' } },
  // The benchmark's baseline page is the usual tutorial setup on purpose: model.fit with tfjs-vis charts.
  { files: ['src/bench/baselinePage.ts', 'src/bench/fitCallbacksBaseline.ts'], rules: { 'no-restricted-imports': 'off' } },
  // Tests may reach for test-support and TensorFlow.js directly.
  { files: ['src/**/*.test.ts'], rules: { 'no-restricted-imports': 'off' } },
);
