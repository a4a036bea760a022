import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ThrottledRunner, type Clock } from './throttledRunner';

const clock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A task that takes `ms` and counts its runs. */
function slowTask(ms: number) {
  const task = { runs: 0, fn: () => new Promise<void>((resolve) => setTimeout(resolve, ms)).then(() => void task.runs++) };
  return task;
}

describe('ThrottledRunner', () => {
  it('runs live requests at most once per interval, however many arrive', async () => {
    const task = slowTask(10);
    const runner = new ThrottledRunner(task.fn, 1000, clock);
    for (let t = 0; t < 3000; t += 100) {
      runner.soon();
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(2000);
    expect(task.runs).toBeGreaterThanOrEqual(3);
    expect(task.runs).toBeLessThanOrEqual(4);
  });

  it('never overlaps runs, and serves a request made during a run once, right after it', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const runner = new ThrottledRunner(
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setTimeout(resolve, 500));
        active--;
        runs++;
      },
      0,
      clock,
    );
    runner.now();
    await vi.advanceTimersByTimeAsync(100);
    expect(runner.busy).toBe(true);
    runner.now();
    runner.now();
    runner.soon();
    await vi.advanceTimersByTimeAsync(2000);
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
  });

  it('runs a user request immediately even inside the live interval, and stops when disposed', async () => {
    const task = slowTask(1);
    const runner = new ThrottledRunner(task.fn, 5000, clock);
    runner.soon();
    await vi.advanceTimersByTimeAsync(10);
    expect(task.runs).toBe(1);
    runner.soon();
    await vi.advanceTimersByTimeAsync(10);
    expect(task.runs).toBe(1);
    runner.now();
    await vi.advanceTimersByTimeAsync(10);
    expect(task.runs).toBe(2);
    runner.soon();
    runner.dispose();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(task.runs).toBe(2);
  });
});
