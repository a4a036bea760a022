import { useState } from 'react';
import { useAppSelector, useAppStore } from '../state/hooks';

/** When the loss diverged, the run paused itself: why, and the ways on (go back, or go on anyway). */
export function DivergenceNotice() {
  const store = useAppStore();
  const divergence = useAppSelector((s) => s.training.divergence);
  const [error, setError] = useState<string | null>(null);
  if (!divergence) return null;
  return (
    <div className="error control-bar__blockers" role="alert" aria-label="Training diverged">
      <p>
        <strong>Paused at batch {divergence.step}: the loss diverged.</strong> {divergence.message}
      </p>
      <div className="controls-row">
        {divergence.canRestore && (
          <button type="button" onClick={() => store.restoreStartWeights().catch((e: Error) => setError(e.message))}>
            Restore the weights from before this run
          </button>
        )}
        <button type="button" onClick={() => store.resume()}>
          Resume anyway
        </button>
        <button type="button" onClick={() => store.stop()}>
          Stop
        </button>
      </div>
      {error && <p>{error}</p>}
    </div>
  );
}
