/**
 * `npm run classroom`: the class relay and the built app from one port on the local network,
 * so students open the join link (or scan its QR code) and the page's relay connection is
 * same-origin: the app's Content-Security-Policy (connect-src 'self') needs no exception.
 *
 *   npm run classroom                       # builds, then serves on port 8787 of every interface
 *   npx tsx scripts/classroom/server.ts --port=8787 --host=0.0.0.0 --data=.classroom-data --dist=dist
 *
 * Class rooms are stored under --data (one append-only log per room), so stopping and starting
 * the relay loses nothing. Prints the addresses to open on the instructor's machine.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import sirv from 'sirv';
import { SECURITY_HEADERS } from '../vite/securityHeaders';
import { ClassRelay } from './relay';

function option(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  const found = process.argv.find((a) => a.startsWith(prefix));
  return found ? found.slice(prefix.length) : (process.env[`CLASSROOM_${name.toUpperCase()}`] ?? fallback);
}

const port = Number(option('port', '8787'));
const host = option('host', '0.0.0.0');
const dataDir = resolve(option('data', '.classroom-data'));
const dist = resolve(option('dist', 'dist'));

if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port must be a port number, got ${port}.`);
  process.exit(2);
}
if (!existsSync(resolve(dist, 'index.html'))) {
  console.error(`No built app in ${dist}: run "npm run build" first (npm run classroom does).`);
  process.exit(2);
}

const files = sirv(dist, { etag: true, dev: false });
const relay = new ClassRelay({ dataDir, log: (line) => console.log(line) });
const server = createServer((req, res) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  files(req, res, () => {
    res.statusCode = 404;
    res.end('Not found');
  });
});
server.on('upgrade', (request, socket, head) => {
  if (!relay.handleUpgrade(request, socket, head)) socket.destroy();
});

/** Addresses students can reach: this machine's IPv4 addresses on the local network. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}

server.listen(port, host, () => {
  const hosts = host === '0.0.0.0' || host === '::' ? lanAddresses() : [host];
  console.log(`Class relay and app listening on ${host}:${port} (rooms stored in ${dataDir}).`);
  if (hosts.length === 0) console.log(`No network address found: only this machine can join, at http://127.0.0.1:${port}/?view=class`);
  for (const address of hosts) console.log(`Instructor: open http://${address}:${port}/?view=class&instructor=1 and click "Open a class"; students join by its link or QR code.`);
  console.log('Stop with Ctrl+C; starting again keeps every class.');
});

const stop = () => {
  relay.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
