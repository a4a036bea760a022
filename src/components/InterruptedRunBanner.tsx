import { useState } from 'react';
import { useAppSelector, useAppStore } from '../state/hooks';
import { selectBusy, selectCanTrain } from '../state/selectors';

/** After a reload, a crash or a closed tab: the run that did not finish can go on from its last epoch. */
export function InterruptedRunBanner() {
  const store = useAppStore();
  const run = useAppSelector((s) => s.interruptedRun);
  const busy = useAppSelector(selectBusy);
  const dataReady = useAppSelector(selectCanTrain);
  const [error, setError] = useState<string | null>(null);
  if (!run) return null;
  const act = (action: 'resume' | 'save' | 'discard') => store.interruptedRunAction(action).catch((e: Error) => setError(e.message));
  return (
    <div className="note banner" role="region" aria-label="Interrupted run">
      <p>
        <strong>
          A run did not finish: {run.architecture}, stopped after epoch {run.epochsCompleted} of {run.epochs}
        </strong>{' '}
        (checkpoint saved {new Date(run.savedAt).toLocaleString()}).
      </p>
      <div className="controls-row">
        <button type="button" className="primary" disabled={busy || !dataReady} onClick={() => act('resume')}>
          Resume from epoch {run.epochsCompleted + 1}
        </button>
        <button type="button" disabled={busy} onClick={() => act('save')}>
          Keep it as a saved model
        </button>
        <button type="button" disabled={busy} onClick={() => act('discard')}>
          Discard
        </button>
        {!dataReady && <span className="muted">Resume waits for the images and TensorFlow.js…</span>}
      </div>
      {error && <p className="error">{error}</p>}
    </div>
  );
}
