import { describe, expect, it } from 'vitest';
import { LatestOnlyRunner, type RunOutcome } from './latestOnlyRunner';

/** A job whose completion the test controls. */
function controllable() {
  const started: number[] = [];
  const finishers: (() => void)[] = [];
  const work = (input: number) =>
    new Promise<number>((resolve, reject) => {
      started.push(input);
      finishers.push(() => (input < 0 ? reject(new Error(`bad ${input}`)) : resolve(input * 10)));
    });
  return { started, work, finishNext: () => finishers.shift()!() };
}
/** Lets every promise reaction queued so far run (the jobs settle only when the test says): no time is guessed. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('LatestOnlyRunner', () => {
  it('runs one job at a time and only the latest of the requests made meanwhile', async () => {
    const { started, work, finishNext } = controllable();
    const outcomes: RunOutcome<number, number>[] = [];
    const runner = new LatestOnlyRunner(work, (o) => outcomes.push(o));
    runner.request(1);
    runner.request(2);
    runner.request(3);
    await settle();
    expect(started).toEqual([1]);
    finishNext();
    await settle();
    expect(started).toEqual([1, 3]);
    finishNext();
    await settle();
    expect(outcomes).toEqual([
      { input: 1, output: 10 },
      { input: 3, output: 30 },
    ]);
    expect(runner.busy).toBe(false);
  });

  it('reports failures and keeps going', async () => {
    const { work, finishNext } = controllable();
    const outcomes: RunOutcome<number, number>[] = [];
    const runner = new LatestOnlyRunner(work, (o) => outcomes.push(o));
    runner.request(-1);
    await settle();
    finishNext();
    await settle();
    runner.request(4);
    await settle();
    finishNext();
    await settle();
    expect(outcomes[0]).toMatchObject({ input: -1, error: new Error('bad -1') });
    expect(outcomes[1]).toEqual({ input: 4, output: 40 });
  });

  it('stays silent after dispose', async () => {
    const { started, work, finishNext } = controllable();
    const outcomes: RunOutcome<number, number>[] = [];
    const runner = new LatestOnlyRunner(work, (o) => outcomes.push(o));
    runner.request(1);
    runner.request(2);
    await settle();
    runner.dispose();
    finishNext();
    await settle();
    runner.request(5);
    await settle();
    expect(started).toEqual([1]);
    expect(outcomes).toEqual([]);
  });
});
