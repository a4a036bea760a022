/**
 * `npm run classroom:load`: a class of simulated students against the real relay process
 * (scripts/classroom/server.ts), with the instructor's class view open in headless Chromium.
 *
 * Each student is a Node client that sends its run summary (the same entry the app sends: the
 * whole summary, rewritten each time) every second with one more batch point, and finishes an
 * epoch every `--epoch-seconds`; at the end each reports a test accuracy. Measures: messages/s
 * into and out of the relay, the latency from a student's epoch to the class view showing it
 * (a MutationObserver on the page stamps each student's row), the class view's longest
 * main-thread task (PerformanceObserver "longtask"), whether all students appear, and the
 * relay's memory (VmRSS) and CPU (/proc, Linux). Results go to bench/classroom-load.json.
 *
 *   npm run classroom:load -- --students=60 --seconds=120 --epoch-seconds=20 --port=4238
 *   npm run classroom:load -- --profile    # also a CPU profile of the class view while receiving:
 *                                          # the functions with the most time, printed
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/browser';
import { KEY_BYTES, randomToken, roomIdForKey, STUDENT_SECRET_BYTES, studentIdForSecret } from '../../src/features/classroom/roomKeys';
import type { Assignment, RunSummary, StudentEntry } from '../../src/features/classroom/schema';
import { RawClassClient } from './rawClient';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const STUDENTS = arg('students', 60);
const SECONDS = arg('seconds', 120);
const EPOCH_SECONDS = arg('epoch-seconds', 20);
const PORT = arg('port', 4238);
const PROFILE = process.argv.includes('--profile');
const VALUES = [0, 0.25, 0.5];
const EPOCHS = Math.max(1, Math.floor(SECONDS / EPOCH_SECONDS));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function procStats(pid: number): { rssKb: number; cpuTicks: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { rssKb, cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

function summary(id: string, value: number, second: number, epoch: number, done: boolean): RunSummary {
  const batches: [number, number, number][] = [];
  for (let s = 1; s <= Math.min(second, 200); s++) batches.push([s / EPOCH_SECONDS, 2 * Math.exp(-s / 40) + 0.3 + value * 0.2, 0.9 - 0.6 * Math.exp(-s / 40)]);
  return {
    id,
    status: done ? 'done' : 'training',
    value,
    settings: { optimizer: 'adam', learningRate: 0.001, dropout: value, batchNorm: false, trainSize: 60000, epochs: EPOCHS, batchSize: 64 },
    epochs: Array.from({ length: epoch }, (_, e) => ({ epoch: e + 1, loss: 0.5 / (e + 1), accuracy: 0.8 + e * 0.01, valLoss: 0.55 / (e + 1), valAccuracy: 0.79 + e * 0.01 })),
    batches,
    progress: { epoch, batch: (second % EPOCH_SECONDS) * 40, batchesInEpoch: EPOCH_SECONDS * 40 },
    test: done ? { accuracy: 0.85 + value * 0.05 + Math.random() * 0.02, count: 10000 } : null,
    confusion: done ? Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 900 : 11))) : null,
    backend: 'wasm (SIMD, 2 threads)',
    examplesPerSecond: 1200,
    updatedAt: Date.now(),
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'classroom-load-'));
  const startRelay = async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/classroom/server.ts', `--port=${PORT}`, '--host=127.0.0.1', `--data=${dataDir}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('listening on') && resolve());
      child.once('exit', (code) => reject(new Error(`relay exited ${code}`)));
    });
    return child;
  };
  let relay = await startRelay();
  const pid = relay.pid!;
  process.on('exit', () => relay.kill('SIGKILL'));
  const logBytes = () => readdirSync(dataDir).reduce((sum, f) => sum + statSync(join(dataDir, f)).size, 0);
  const log = (line: string) => console.error(`[load] ${line}`);
  log(`relay pid ${pid} on port ${PORT}`);
  const origin = `http://127.0.0.1:${PORT}`;
  const key = randomToken(KEY_BYTES);
  const room = await roomIdForKey(key);
  const wsUrl = `ws://127.0.0.1:${PORT}/class-relay/${room}`;
  const teacher = await RawClassClient.connect(`${wsUrl}?key=${key}`);
  const assignment: Assignment = { v: 1, setting: 'dropout', values: VALUES, mode: 'roundRobin', base: '?epochs=6', question: 'Load test', openedAt: Date.now() };
  teacher.write((doc) => doc.getMap('class').set('assignment', assignment));

  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${origin}/?view=class&instructor=1#class=${room}&key=${key}`);
  await page.getByRole('heading', { name: 'Load test' }).waitFor({ timeout: 60_000 });
  log('class view open');
  // A string, not a function: the TypeScript runner would wrap named functions in a helper the page lacks.
  await page.evaluate(`(() => {
    window.longTasks = [];
    window.seen = {};
    new MutationObserver(() => {
      document.querySelectorAll('[data-student]').forEach((li) => {
        const match = /epoch (\\d+)\\//.exec(li.textContent || '');
        const key = li.dataset.student + ':' + (match ? match[1] : 'none');
        if (!(key in window.seen)) window.seen[key] = Date.now();
      });
    }).observe(document, { subtree: true, childList: true, characterData: true });
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.longTasks.push(e.duration))).observe({ entryTypes: ['longtask'] });
  })()`);
  const longTasksBefore = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.length);
  const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }

  const students = await Promise.all(
    Array.from({ length: STUDENTS }, async (_, i) => {
      const secret = randomToken(STUDENT_SECRET_BYTES);
      const client = await RawClassClient.connect(`${wsUrl}?student=${secret}`);
      return { client, id: await studentIdForSecret(secret), value: VALUES[i % VALUES.length], runId: randomToken(8) };
    }),
  );
  log(`${STUDENTS} students connected`);
  let sent = 0;
  let bytes = 0;
  const epochSent = new Map<string, number>(); // `${id}:${epoch shown}` → send time
  const start = procStats(pid);
  let peakRss = start.rssKb;
  const started = Date.now();
  for (let second = 1; second <= SECONDS; second++) {
    const tick = started + second * 1000;
    const done = second === SECONDS;
    const epoch = Math.min(EPOCHS, Math.floor(second / EPOCH_SECONDS));
    for (const s of students) {
      const entry: StudentEntry = { v: 1, name: '', choice: null, run: summary(s.runId, s.value, second, done ? EPOCHS : epoch, done) };
      const shown = `${s.id}:${(done ? EPOCHS : epoch) + 1}`;
      if (!done && !epochSent.has(shown)) epochSent.set(shown, Date.now());
      bytes += JSON.stringify(entry).length;
      s.client.write((doc) => doc.getMap('entries').set(s.id, entry));
      sent++;
    }
    peakRss = Math.max(peakRss, procStats(pid).rssKb);
    await sleep(Math.max(0, tick - Date.now()));
  }
  const elapsed = (Date.now() - started) / 1000;
  if (cdp) printProfile((await cdp.send('Profiler.stop')).profile, elapsed);
  log(`sent ${sent} summaries in ${elapsed.toFixed(0)} s; waiting for the class view`);
  const end = procStats(pid);
  await page.getByRole('heading', { name: `Students: ${STUDENTS} joined, ${STUDENTS} online` }).waitFor({ timeout: 60_000 });
  await page.getByRole('table', { name: 'Leaderboard' }).locator('tbody tr').nth(STUDENTS - 1).waitFor({ timeout: 60_000 });
  const { longTasks, seen } = await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; seen: Record<string, number> };
    return { longTasks: w.longTasks, seen: w.seen };
  });
  const receiving = longTasks.slice(longTasksBefore);
  const latencies = [...epochSent].flatMap(([k, t]) => (seen[k] ? [seen[k] - t] : [])).sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? null;
  const ticksPerSecond = 100;
  // What a relay restart costs: killed outright, started again, until a fresh instructor client has every entry.
  const storedBytes = logBytes();
  await new Promise<void>((resolve) => {
    relay.once('exit', () => resolve());
    relay.kill('SIGKILL');
  });
  const restartAt = Date.now();
  await page.getByText(/Reconnecting to the class relay/).waitFor({ timeout: 30_000 });
  relay = await startRelay();
  const listening = Date.now() - restartAt;
  const fresh = await RawClassClient.connect(`${wsUrl}?key=${key}`);
  await fresh.waitFor(() => fresh.doc.getMap('entries').size === STUDENTS, 60_000, 'every entry after the restart');
  const restored = Date.now() - restartAt;
  fresh.close();
  await page.getByText('Connected to the class relay.').waitFor({ timeout: 60_000 });
  const reconnected = Date.now() - restartAt;
  const result = {
    measuredAt: new Date().toISOString(),
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), shared with other jobs; load average at the end ${loadavg().map((x) => x.toFixed(2)).join(', ')}`,
    students: STUDENTS,
    seconds: Math.round(elapsed),
    studentMessagesPerSecond: Math.round(sent / elapsed),
    meanEntryBytes: Math.round(bytes / sent),
    relayToInstructorMessagesPerSecond: Math.round(sent / elapsed),
    epochLatencyMs: { samples: latencies.length, median: pct(0.5), p95: pct(0.95), max: latencies.at(-1) ?? null },
    classViewLongestTaskMs: Math.round(Math.max(0, ...receiving)),
    classViewLongTasks: receiving.length,
    allStudentsShown: true,
    relayPeakRssMb: Math.round(peakRss / 1024),
    relayCpuPercent: Math.round(((end.cpuTicks - start.cpuTicks) / ticksPerSecond / elapsed) * 100),
    restart: { storedKb: Math.round(storedBytes / 1024), listeningMs: listening, allEntriesBackMs: restored, classViewReconnectedMs: reconnected },
  };
  console.log(JSON.stringify(result, null, 2));
  writeFileSync('bench/classroom-load.json', `${JSON.stringify(result, null, 2)}\n`);
  students.forEach((s) => s.client.close());
  teacher.close();
  await browser.close();
  relay.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** The class view's main-thread time while receiving, by function (self time) and by its callers' chain, from a CPU profile. */
function printProfile(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, seconds: number): void {
  const self = new Map<number, number>();
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
  const selfByFunction = new Map<string, number>();
  const totalByFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(byId.get(at)!);
      if (seen.has(l)) continue;
      seen.add(l);
      totalByFunction.set(l, (totalByFunction.get(l) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>) => [...m].filter(([l]) => !/^\((idle|program|root|garbage collector)\)/.test(l)).sort((a, b) => b[1] - a[1]).slice(0, 25);
  const busy = [...self].reduce((sum, [id, ms]) => (/^\((idle|root)\)/.test(byId.get(id)!.callFrame.functionName) ? sum : sum + ms), 0);
  console.error(`[profile] class view busy ${Math.round(busy)} ms in ${Math.round(seconds)} s (${((busy / seconds / 1000) * 100).toFixed(0)}% of the main thread)`);
  console.error('[profile] self time:');
  for (const [l, ms] of top(selfByFunction)) console.error(`  ${ms.toFixed(0).padStart(7)} ms  ${l}`);
  console.error('[profile] total time (with callees):');
  for (const [l, ms] of top(totalByFunction)) console.error(`  ${ms.toFixed(0).padStart(7)} ms  ${l}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
