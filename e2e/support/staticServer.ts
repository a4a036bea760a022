/**
 * A plain static file server, as GitHub Pages, a school's web server or `python3 -m http.server`
 * would be: files under a sub-path, a Content-Type, and no COOP/COEP/CSP or caching headers.
 * It counts the bytes it sends (the figures of a first and a second visit), and its folder can
 * be swapped (a new build deployed) or the server closed (the network gone).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** e.g. http://127.0.0.1:4183/class/playground/ */
  readonly appUrl: string;
  /** Body bytes sent since the start or the last resetCount(). */
  bytesSent(): number;
  resetCount(): void;
  /** Serves another folder from now on (a new deployment). */
  setRoot(dir: string): void;
  close(): Promise<void>;
}

export async function startStaticServer(options: { root: string; mount: string; port: number }): Promise<StaticServer> {
  let root = resolve(options.root);
  let sent = 0;
  const mount = options.mount.endsWith('/') ? options.mount : `${options.mount}/`;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    if (`${path}/` === mount) {
      res.writeHead(301, { Location: mount }).end();
      return;
    }
    if (!path.startsWith(mount) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    let file = normalize(join(root, path.slice(mount.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const size = statSync(file).size;
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('data', (chunk) => (sent += chunk.length));
    stream.pipe(res);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  return {
    appUrl: `http://127.0.0.1:${port}${mount}`,
    bytesSent: () => sent,
    resetCount: () => void (sent = 0),
    setRoot: (dir) => void (root = resolve(dir)),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
