/**
 * The production build served by `vite preview` for the on-demand browser scripts (the ETA
 * bench, the screenshots): built first unless `--no-build` is among the arguments.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export async function servePreview(root: string, port: number): Promise<ChildProcess> {
  if (!process.argv.includes('--no-build')) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }
  const base = `http://127.0.0.1:${port}/`;
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
  for (let i = 0; i < 150; i++) {
    if (await fetch(base).then((r) => r.ok, () => false)) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${base}`);
}
