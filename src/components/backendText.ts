/**
 * What the backend badge says: a plain name in the normal state, a warning only when something
 * is wrong (the backend asked for could not start, or the engine computes on the page), and the
 * engine's notes as sentences a person reads once: no sentence twice, the driver's raw renderer
 * string kept for the technical details.
 */
import type { BackendState } from '../state/types';

export const BACKEND_NAMES: Record<string, string> = { webgl: 'WebGL', webgpu: 'WebGPU', wasm: 'WebAssembly', cpu: 'CPU (JavaScript)' };

export interface BackendText {
  /** The badge: "WebAssembly". */
  readonly name: string;
  /** Something is wrong: the badge shows a warning, and this says what. */
  readonly warning: string | null;
  /** The explanation, one sentence each, none repeated, no raw driver strings. */
  readonly sentences: readonly string[];
  /** The renderer as the driver reports it (for the technical details), or null. */
  readonly renderer: string | null;
}

/** Splits after a full stop followed by a space and a capital letter, outside parentheses. */
function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '.' && depth === 0 && text[i + 1] === ' ' && /[A-Z]/.test(text[i + 2] ?? '')) {
      out.push(text.slice(start, i + 1).trim());
      start = i + 2;
    }
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

export function backendText(backend: BackendState): BackendText {
  const active = backend.active ?? '';
  const name = BACKEND_NAMES[active] ?? active;
  const fellBack = backend.requested !== 'auto' && backend.active !== null && backend.requested !== backend.active;
  const onPage = backend.thread === 'page';
  const warning = fellBack
    ? `${BACKEND_NAMES[backend.requested] ?? backend.requested} was asked for but could not start here; ${name} is used instead.`
    : onPage
      ? 'The engine runs on the page instead of a background thread, so the page may pause while it trains.'
      : null;
  const seen = new Set<string>();
  const sentences: string[] = [];
  for (const raw of sentencesOf(backend.note ?? '')) {
    // The driver's renderer string goes to the technical details, not into the sentence.
    const sentence = backend.renderer ? raw.replace(` (${backend.renderer})`, '') : raw;
    const key = sentence.toLowerCase().replace(/\s*\(no usable gpu\)/, '').replace(/,? so training on it is slow/, '').replace(/\.$/, '');
    if (seen.has(key) || [...seen].some((k) => k.startsWith(key) || key.startsWith(k))) continue;
    seen.add(key);
    sentences.push(sentence);
  }
  return { name, warning, sentences, renderer: backend.renderer };
}
