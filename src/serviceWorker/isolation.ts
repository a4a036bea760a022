/**
 * Cross-origin isolation from the app's own service worker, for hosts that cannot send headers
 * (GitHub Pages, a school's web server, `python3 -m http.server`): every response the worker
 * hands to the page or its workers, from the network or from the cache, carries COOP and COEP,
 * so `crossOriginIsolated` is true and WebAssembly gets its threads (SharedArrayBuffer).
 * Every file of the app is same-origin, so `require-corp` blocks nothing.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** `response` with the isolation headers added (an opaque or error response is returned as it is: its headers cannot be read or set). */
export function withIsolationHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Which navigations the worker answers with the precached page: the app's own address under
 * its scope (`/any/sub/path/` or `…/index.html`, any query), nothing else (so another page
 * on the same host, or a file next to the app, is never replaced by the app).
 */
export function isAppNavigation(url: URL, scope: URL): boolean {
  if (url.origin !== scope.origin) return false;
  return url.pathname === scope.pathname || url.pathname === `${scope.pathname}index.html`;
}
