/**
 * Whether a kernel call should split with the gemm helper, learned per kernel shape from the
 * calls' own wall times: on a quiet machine two threads win, but on a busy one (other programs
 * on the cores) the helper's blocks can arrive late and a split call can be slower than one
 * thread. So each key (a kernel and its shape) keeps a moving average of its time both ways,
 * tries split first, then one thread, then takes the faster, and every EXPLORE_EVERY-th call
 * tries the other way again (the machine's load changes).
 */
const EXPLORE_EVERY = 16;
/** Weight of the newest time in the moving averages. */
const ALPHA = 0.25;

interface Times {
  split: number;
  single: number;
  calls: number;
}

export class SplitChooser {
  private readonly times = new Map<string, Times>();

  /** True: split this call of `key`. */
  choose(key: string): boolean {
    let t = this.times.get(key);
    if (t == null) {
      t = { split: NaN, single: NaN, calls: 0 };
      this.times.set(key, t);
    }
    t.calls++;
    if (Number.isNaN(t.split)) return true;
    if (Number.isNaN(t.single)) return false;
    const splitFaster = t.split <= t.single;
    return t.calls % EXPLORE_EVERY === 0 ? !splitFaster : splitFaster;
  }

  /** Records a call's wall time (ms), split or not. */
  record(key: string, split: boolean, ms: number): void {
    const t = this.times.get(key);
    if (t == null) return;
    const old = split ? t.split : t.single;
    const next = Number.isNaN(old) ? ms : old + ALPHA * (ms - old);
    if (split) t.split = next;
    else t.single = next;
  }

  /** The averages, for reports: key → [split ms, one-thread ms]. */
  summary(): Record<string, [number, number]> {
    return Object.fromEntries([...this.times].map(([key, t]) => [key, [t.split, t.single]]));
  }
}
