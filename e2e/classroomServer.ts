/**
 * Starts the real class relay (`scripts/classroom/server.ts`, what `npm run classroom` runs) for
 * a test, on 127.0.0.1, with its own data folder; can kill it outright (SIGKILL, as a crash or a
 * pulled plug would) and start it again on the same port and data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class ClassroomServer {
  private child: ChildProcess | null = null;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'classroom-e2e-'));
  readonly output: string[] = [];

  constructor(
    readonly port: number,
    private readonly dist = process.env.E2E_DIST ?? 'dist',
  ) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/classroom/server.ts', `--port=${this.port}`, '--host=127.0.0.1', `--data=${this.dataDir}`, `--dist=${this.dist}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the class relay did not start within 60 s:\n${this.output.join('')}`)), 60_000);
      const onData = (data: Buffer) => {
        this.output.push(data.toString());
        if (data.toString().includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (data: Buffer) => this.output.push(data.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the class relay exited (${code}):\n${this.output.join('')}`));
      });
    });
  }

  /** Kills the relay at once (no clean shutdown) and waits until it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async stop(removeData = true): Promise<void> {
    await this.kill();
    if (removeData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
