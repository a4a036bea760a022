/**
 * The source files that load TensorFlow.js when imported: those that import a @tensorflow
 * package, and every file that imports one of them (as a value, not `import type`), found by
 * following src/'s relative imports. eslint.config.js forbids the page's layers to import any
 * of them as a value: the lint matrix alone sees direct imports only, and one value import of
 * a helper next to tfjs code puts all of TensorFlow.js on the page. Dynamic import() is not
 * an import declaration, so the page may still load the fallback engine on demand.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function resolveImport(from, specifier) {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate)) ?? null;
}

/** Paths relative to `root` (e.g. 'ml/internals/filters'), without extension. */
export function tfjsReachingModules(root) {
  const files = sourceFiles(resolve(root));
  const importers = new Map(); // file → files that value-import it
  const reaching = new Set();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const [, , typeOnly, , specifier] = match;
      if (typeOnly) continue;
      if (specifier.startsWith('@tensorflow/')) reaching.add(file);
      if (!specifier.startsWith('.')) continue;
      const target = resolveImport(file, specifier);
      if (!target) continue;
      if (!importers.has(target)) importers.set(target, new Set());
      importers.get(target).add(file);
    }
  }
  const queue = [...reaching];
  while (queue.length > 0) {
    for (const importer of importers.get(queue.pop()) ?? []) {
      if (!reaching.has(importer)) {
        reaching.add(importer);
        queue.push(importer);
      }
    }
  }
  return [...reaching].map((file) => relative(resolve(root), file).replace(/\\/g, '/').replace(/\.tsx?$/, '')).sort();
}

/** One no-restricted-imports pattern (regex on the import string) matching any of `modules`. */
export function importPatternFor(modules) {
  const escaped = modules.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^(?:\\.\\.?/)+(?:src/)?(?:${escaped.join('|')})(?:\\.tsx?)?$`;
}
