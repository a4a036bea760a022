/** Runs `fn` at most once per `intervalMs`, trailing: the last request always runs. */
export function throttle(fn: () => void, intervalMs: number): { request(): void; flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  const run = () => {
    timer = null;
    last = Date.now();
    fn();
  };
  return {
    request() {
      if (timer !== null) return;
      const wait = Math.max(0, intervalMs - (Date.now() - last));
      timer = setTimeout(run, wait);
    },
    flush() {
      if (timer !== null) clearTimeout(timer);
      run();
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
