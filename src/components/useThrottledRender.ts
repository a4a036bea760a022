import { useEffect, useRef } from 'react';

/**
 * Calls `render` after `deps` change, at most once per `intervalMs` (trailing), so charts
 * redraw a few times a second at most however fast batches finish.
 */
export function useThrottledRender(render: () => void, deps: readonly unknown[], intervalMs = 1000): void {
  const renderRef = useRef(render);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    renderRef.current = render;
  });
  useEffect(() => {
    if (timer.current !== null) return;
    const wait = Math.max(0, intervalMs - (Date.now() - last.current));
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      renderRef.current();
    }, wait);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deps are the caller's
  }, deps);
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);
}
