import { useEffect, useState } from 'react';
import { EtaSmoother } from '../state/etaSmoothing';
import { useAppStore } from '../state/hooks';

/**
 * The run's ETA in seconds, smoothed (see EtaSmoother), or null while it is not stable yet
 * or no run is training. Starts over with each run.
 */
export function useSmoothedEta(): number | null {
  const store = useAppStore();
  const [eta, setEta] = useState<number | null>(null);
  useEffect(() => {
    const smoother = new EtaSmoother();
    let seen = store.getState().training;
    const onChange = () => {
      const training = store.getState().training;
      if (training === seen) return;
      // A new run (its curve starts again) or a reset: the old rate says nothing about it.
      if (training.batches.length < seen.batches.length || training.status === 'idle') smoother.reset();
      const fresh = training.examplesPerSecond !== seen.examplesPerSecond || training.etaSeconds !== seen.etaSeconds;
      seen = training;
      if (training.status !== 'training') {
        setEta(null);
        return;
      }
      if (fresh) setEta(smoother.update(training.examplesPerSecond, training.etaSeconds));
    };
    return store.subscribe(onChange);
  }, [store]);
  return eta;
}
