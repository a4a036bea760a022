/**
 * The security headers of the app, in one place: vite.config.ts sends them from `vite` (dev)
 * and `vite preview`, index.html carries the same policy as a <meta> (for static hosts that
 * send no headers), and README.md lists them for hosts that can (a unit test keeps all three
 * in step).
 */
import { randomBytes } from 'node:crypto';
import type { Connect, Plugin } from 'vite';

type Directives = Readonly<Record<string, readonly string[]>>;

/**
 * No 'unsafe-eval' (charts use vega's expression interpreter), no blob: scripts (the WASM
 * threads worker is a same-origin file); 'wasm-unsafe-eval' lets WebAssembly compile.
 * Styles stay 'unsafe-inline': vega, React style props and tfjs-vis set inline styles.
 */
export const POLICY: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Directives a <meta> policy cannot carry (browsers ignore them there and log an error). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

export function policyText(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The policy as index.html's <meta http-equiv="Content-Security-Policy"> must carry it. */
export function metaPolicy(directives: Directives = POLICY): string {
  return policyText(Object.fromEntries(Object.entries(directives).filter(([name]) => !HEADER_ONLY.has(name))));
}

/** `directives` with `extra` sources appended to `directive`. */
export function withSources(directives: Directives, directive: string, ...extra: string[]): Directives {
  return { ...directives, [directive]: [...(directives[directive] ?? []), ...extra] };
}

/**
 * The development server injects one inline script (React Fast Refresh's preamble); Vite
 * stamps it and its own tags with this server's nonce, which the dev policy allows. Its HMR
 * websocket is same-origin, which 'self' in connect-src covers.
 */
export function devPolicy(nonce: string): Directives {
  return withSources(POLICY, 'script-src', `'nonce-${nonce}'`);
}

/**
 * bench/baseline.html reproduces the usual tutorial setup (tfjs-vis fitCallbacks-style charts),
 * and tfjs-vis embeds vega without the expression interpreter: that page alone may eval.
 * It is a benchmark baseline, never the app.
 */
export const BENCH_BASELINE_POLICY: Directives = withSources(POLICY, 'script-src', "'unsafe-eval'");

export function headersFor(directives: Directives): Record<string, string> {
  return {
    'Content-Security-Policy': policyText(directives),
    // Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer); every
    // asset is same-origin, so the strict policy costs nothing here.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** What a static host should send with every response (README.md, "Browser requirements"). */
export const SECURITY_HEADERS = headersFor(POLICY);

const isBenchBaseline = (url: string | undefined) => (url ?? '').split('?')[0].startsWith('/bench/');

function headerMiddleware(directives: Directives): Connect.NextHandleFunction {
  const app = headersFor(directives);
  const bench = headersFor(BENCH_BASELINE_POLICY);
  return (req, res, next) => {
    for (const [name, value] of Object.entries(isBenchBaseline(req.url) ? bench : app)) res.setHeader(name, value);
    next();
  };
}

/**
 * Sends the headers with every response of `vite` and `vite preview` (before Vite's own
 * middlewares, so workers, .wasm and data files get them too), gives the dev server a fresh
 * nonce for its inline script, and puts the dev policy into index.html's <meta> under `vite`
 * (the production policy would block that script).
 */
export function securityHeaders(): Plugin {
  const nonce = randomBytes(16).toString('base64');
  let isDevServer = false;
  return {
    name: 'security-headers',
    config(_config, env) {
      isDevServer = env.command === 'serve' && env.isPreview !== true;
      return isDevServer ? { html: { cspNonce: nonce } } : undefined;
    },
    configureServer(server) {
      server.middlewares.use(headerMiddleware(devPolicy(nonce)));
    },
    configurePreviewServer(server) {
      server.middlewares.use(headerMiddleware(POLICY));
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!isDevServer) return html;
        return html.replace(metaPolicy(POLICY), metaPolicy(devPolicy(nonce)));
      },
    },
  };
}
