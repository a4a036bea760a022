import { useEffect, useRef } from 'react';
import { throttle } from '../ml/util/throttle';

/**
 * Calls `render` after `deps` change, at most once per `intervalMs` (trailing), so charts
 * redraw a few times a second at most however fast batches finish.
 *
 * The throttle lives exactly as long as one mount: StrictMode's mount → unmount → mount
 * cancels the first and builds a second, so no timer handle outlives its effect.
 */
export function useThrottledRender(render: () => void, deps: readonly unknown[], intervalMs = 1000): void {
  const renderRef = useRef(render);
  const throttled = useRef<ReturnType<typeof throttle> | null>(null);
  useEffect(() => {
    renderRef.current = render;
  });
  useEffect(() => {
    const current = throttle(() => renderRef.current(), intervalMs);
    throttled.current = current;
    return () => {
      current.cancel();
      if (throttled.current === current) throttled.current = null;
    };
  }, [intervalMs]);
  useEffect(() => {
    throttled.current?.request();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deps are the caller's
  }, deps);
}
