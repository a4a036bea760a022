/**
 * Screenshots of a class for the README: the instructor's board on a projector (1280×720,
 * instructor mode) with simulated students (Node clients on the real relay: runs in progress and
 * finished, one shared model), and a student's view at 1366×768 and 390 px. After `npm run build`:
 *
 *   npx tsx scripts/classroom/screenshots.ts --port=4239 --out=docs/screenshots
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/browser';
import { KEY_BYTES, randomToken, roomIdForKey, STUDENT_SECRET_BYTES, studentIdForSecret } from '../../src/features/classroom/roomKeys';
import type { Assignment, RunSummary } from '../../src/features/classroom/schema';
import { modelRoomName } from '../../src/features/classroom/sharedModel';
import { RawClassClient } from './rawClient';

const option = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const PORT = Number(option('port', '4239'));
const OUT = option('out', 'docs/screenshots');
const NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Tim'];
const VALUES = [0, 0.25, 0.5];

function run(i: number, value: number): RunSummary {
  const done = i < 6;
  const seconds = done ? 200 : 60 + i * 15;
  const batches: [number, number, number][] = [];
  for (let s = 1; s <= Math.min(200, seconds); s++) batches.push([(2 * s) / 200, 2.1 * Math.exp(-s / (25 + value * 30)) + 0.28 + value * 0.12 + 0.03 * Math.sin(s + i), 0.9 - 0.6 * Math.exp(-s / 30)]);
  return {
    id: randomToken(8),
    status: done ? 'done' : 'training',
    value,
    settings: { optimizer: 'adam', learningRate: 0.001, dropout: value, batchNorm: false, trainSize: 5000, epochs: 2, batchSize: 64 },
    epochs: Array.from({ length: done ? 2 : 1 }, (_, e) => ({ epoch: e + 1, loss: 0.6 / (e + 1), accuracy: 0.8 + e * 0.02, valLoss: 0.62 / (e + 1), valAccuracy: 0.79 + e * 0.02 })),
    batches,
    progress: { epoch: done ? 2 : 1, batch: done ? 71 : 20 + i * 5, batchesInEpoch: 71 },
    test: done ? { accuracy: 0.84 + value * 0.03 + ((i * 7) % 5) * 0.004, count: 2000 } : null,
    confusion: null,
    backend: i % 3 === 0 ? 'webgl (ANGLE)' : 'wasm (SIMD, 2 threads)',
    examplesPerSecond: 900 + i * 60,
    updatedAt: Date.now(),
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'classroom-shots-'));
  const relay = spawn(process.execPath, ['--import', 'tsx', 'scripts/classroom/server.ts', `--port=${PORT}`, '--host=127.0.0.1', `--data=${dataDir}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => relay.stdout!.on('data', (d: Buffer) => d.toString().includes('listening on') && resolve()));
  const origin = `http://127.0.0.1:${PORT}`;
  const key = randomToken(KEY_BYTES);
  const room = await roomIdForKey(key);
  const ws = `ws://127.0.0.1:${PORT}/class-relay/${room}`;
  const teacher = await RawClassClient.connect(`${ws}?key=${key}`);
  const assignment: Assignment = { v: 1, setting: 'dropout', values: VALUES, mode: 'roundRobin', base: '?trainSize=5000&epochs=2', question: 'What does dropout do to a small network?', openedAt: Date.now() };
  teacher.write((doc) => doc.getMap('class').set('assignment', assignment));
  const clients: RawClassClient[] = [];
  for (const [i, name] of NAMES.entries()) {
    const secret = randomToken(STUDENT_SECRET_BYTES);
    const id = await studentIdForSecret(secret);
    const client = await RawClassClient.connect(`${ws}?student=${secret}`);
    client.write((doc) => doc.getMap('entries').set(id, { v: 1, name, choice: null, run: run(i, VALUES[i % VALUES.length]) }));
    clients.push(client);
    if (i === 0) {
      const model = await RawClassClient.connect(`ws://127.0.0.1:${PORT}/class-relay/${modelRoomName(room, id)}?student=${secret}`);
      model.write((doc) => doc.getMap('model').set('shared', { v: 1, name: 'Ada: Simple CNN', sharedAt: Date.now(), zip: new Uint8Array(901_000) }));
      clients.push(model);
    }
  }
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const board = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await board.goto(`${origin}/?view=class&instructor=1#class=${room}&key=${key}`);
  await board.getByRole('heading', { name: `Students: ${NAMES.length} joined` }).waitFor({ timeout: 120_000 });
  await board.getByRole('table', { name: 'Shared models' }).waitFor({ timeout: 60_000 });
  await board.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid="class-curves"]')?.dataset.chartRows ?? 0) > 0, undefined, { timeout: 60_000 });
  await board.screenshot({ path: join(OUT, 'class-projector.png') });
  await board.screenshot({ path: join(OUT, 'class-projector-full.png'), fullPage: true });
  for (const [width, height, file] of [
    [1366, 768, 'class-student.png'],
    [390, 844, 'class-student-phone.png'],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height } });
    const student = await context.newPage();
    await student.goto(`${origin}/?view=class#class=${room}`);
    await student.getByTestId('class-assigned').filter({ hasText: /Your dropout rate: \d/ }).waitFor({ timeout: 120_000 });
    await student.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: 120_000 });
    await student.screenshot({ path: join(OUT, file), fullPage: width < 800 });
    await context.close();
  }
  console.log(`screenshots in ${OUT}`);
  clients.forEach((c) => c.close());
  teacher.close();
  await browser.close();
  relay.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
