import { describe, expect, it } from 'vitest';
import { relayUrl } from './classLink';

describe('the relay address', () => {
  it('sits under the app wherever it is served: the build (base ./) under a sub-path, and dev (base /)', () => {
    const page = (href: string) => ({ href, protocol: new URL(href).protocol });
    expect(relayUrl(page('http://school.example:8787/class/playground/?view=class'), './')).toBe('ws://school.example:8787/class/playground/class-relay');
    expect(relayUrl(page('http://127.0.0.1:4236/?view=class&instructor=1'), './')).toBe('ws://127.0.0.1:4236/class-relay');
    expect(relayUrl(page('http://localhost:5173/?view=class'), '/')).toBe('ws://localhost:5173/class-relay');
    expect(relayUrl(page('https://example.github.io/playground/index.html'), './')).toBe('wss://example.github.io/playground/class-relay');
  });
});
