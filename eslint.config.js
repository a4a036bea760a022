import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Import boundaries are enforced here so the layering in ARCHITECTURE.md holds:
// the ML core stays free of React, the DOM-only adapters and tfjs-vis; tfjs-vis
// and vega-embed (the line charts) are reached only through src/vis.
const visOnly = [
  { group: ['@tensorflow/tfjs-vis'], message: 'Only src/vis may import tfjs-vis.' },
  { group: ['vega-embed', 'vega', 'vega-lite', 'vega-interpreter'], message: 'Only src/vis may import vega-embed and vega (use src/vis/embedChart).' },
];
// zod 4 probes for `new Function` unless configured jitless: a CSP violation report.
const zodConfigured = { name: 'zod', message: "Import z from src/ml/zod (configured jitless: no eval under the app's CSP)." };
const noUiInCore = {
  paths: [zodConfigured],
  patterns: [
    { group: ['react', 'react-dom', 'react-dom/*'], message: 'src/ml must not import React.' },
    ...visOnly,
    { group: ['**/components/**', '**/app/**', '**/state/**', '**/vis/**', '**/platform/**'], message: 'src/ml is the core: UI layers import it, never the other way.' },
  ],
};

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
      'no-restricted-imports': ['error', { paths: [zodConfigured], patterns: visOnly }],
    },
  },
  { files: ['src/vis/**'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['src/ml/**'], rules: { 'no-restricted-imports': ['error', noUiInCore] } },
  { files: ['src/ml/zod.ts'], rules: { 'no-restricted-imports': 'off' } },
);
