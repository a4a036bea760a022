import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS, isAppNavigation, withIsolationHeaders } from './isolation';

describe('cross-origin isolation from the service worker', () => {
  it('adds COOP, COEP and CORP to a response and keeps its status, body and other headers', async () => {
    const original = new Response('<!doctype html>', { status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/html' } });
    const isolated = withIsolationHeaders(original);
    expect(isolated.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(isolated.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(isolated.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
    expect(isolated.headers.get('Content-Type')).toBe('text/html');
    expect(isolated.status).toBe(200);
    expect(await isolated.text()).toBe('<!doctype html>');
  });

  it('overrides weaker values a host sent', () => {
    const isolated = withIsolationHeaders(new Response('x', { headers: { 'Cross-Origin-Embedder-Policy': 'unsafe-none' } }));
    expect(isolated.headers.get('Cross-Origin-Embedder-Policy')).toBe(ISOLATION_HEADERS['Cross-Origin-Embedder-Policy']);
  });

  it('leaves an error response as it is (its headers cannot be set)', () => {
    const error = Response.error();
    expect(withIsolationHeaders(error)).toBe(error);
  });

  it("answers navigations to the app's own address under its scope only", () => {
    const scope = new URL('https://example.github.io/playground/');
    expect(isAppNavigation(new URL('https://example.github.io/playground/?trainSize=1000&view=data'), scope)).toBe(true);
    expect(isAppNavigation(new URL('https://example.github.io/playground/index.html'), scope)).toBe(true);
    expect(isAppNavigation(new URL('https://example.github.io/playground/bench/baseline.html'), scope)).toBe(false);
    expect(isAppNavigation(new URL('https://example.github.io/other/'), scope)).toBe(false);
    expect(isAppNavigation(new URL('https://elsewhere.example/playground/'), scope)).toBe(false);
  });
});
