import { ActiveModelLabel } from '../components/ActiveModelLabel';
import { BackendBadge } from '../components/BackendBadge';
import { DivergenceNotice } from '../components/DivergenceNotice';
import { formatCount, formatDuration, formatPercent } from '../components/format';
import { RunSizePicker } from '../components/RunSizePicker';
import { shallowEqual, useAppSelector, useAppStore } from '../state/hooks';
import { selectRunStatus } from '../state/runStatus';
import { selectTrainBlockers } from '../state/selectors';

/** Epoch · batch, examples/s and the smoothed ETA: re-renders with every progress update, so kept apart. */
function RunProgress() {
  const training = useAppSelector((s) => s.training);
  const status = useAppSelector(selectRunStatus);
  const pace = useAppSelector((s) => s.pace);
  return (
    <div className="control-bar__progress">
      <p className="control-bar__status" role="status" aria-label="Training status">
        <strong>{status.text}</strong>
        {training.status === 'evaluating' && training.evaluationProgress !== null && <> · {formatPercent(training.evaluationProgress, 0)}</>}
      </p>
      <p className="control-bar__numbers">
        <span>
          {pace.examplesPerSecond === null ? '–' : formatCount(Math.round(pace.examplesPerSecond / 10) * 10)} <abbr title="training examples per second">ex/s</abbr>
        </span>
        <span title="Time left in this run, from the pace measured so far (pauses not counted)">
          {status.busy ? (pace.etaSeconds === null ? 'ETA: measuring…' : `about ${formatDuration(pace.etaSeconds)} left`) : 'ETA –'}
        </span>
      </p>
    </div>
  );
}

/** What the last Reset did, until the next run starts. */
function ResetNote() {
  const note = useAppSelector((s) => s.ui.resetNote);
  return note ? <p className="control-bar__note">{note}</p> : null;
}

/**
 * Always on screen: Train and the run sizes beside it, Pause / Resume, Step, Stop, Reset,
 * where the run is, the model's name and the backend.
 */
export function ControlBar() {
  const store = useAppStore();
  const status = useAppSelector((s) => s.training.status);
  const backendReady = useAppSelector((s) => s.backend.status === 'ready');
  const { busy, canStart } = useAppSelector(selectRunStatus);
  const blockers = useAppSelector(selectTrainBlockers, shallowEqual);
  return (
    <div className="control-bar">
      <div className="control-bar__run">
        <div className="control-bar__buttons" role="group" aria-label="Run controls">
          <button type="button" className="primary control-bar__train" onClick={() => store.train()} disabled={!canStart} aria-keyshortcuts="t">
            Train
          </button>
          {status === 'paused' ? (
            <button type="button" onClick={() => store.resume()} aria-keyshortcuts="p">
              Resume
            </button>
          ) : (
            <button type="button" onClick={() => store.pause()} disabled={status !== 'training'} aria-keyshortcuts="p">
              Pause
            </button>
          )}
          <button type="button" onClick={() => store.step()} disabled={status !== 'paused' && !canStart} title="Run exactly one batch, then pause" aria-keyshortcuts="s">
            Step
          </button>
          <button type="button" onClick={() => store.stop()} disabled={!busy} title="End the run; the model so far is still tested">
            Stop
          </button>
          <button
            type="button"
            onClick={() => store.requestReset()}
            disabled={status === 'idle' || !backendReady}
            title="Clear the curves and make the pretrained model active again (a run in progress is discarded only after you confirm)"
            aria-keyshortcuts="r"
          >
            Reset
          </button>
        </div>
        <RunSizePicker />
      </div>
      <div className="control-bar__state">
        <RunProgress />
        <ActiveModelLabel />
        <BackendBadge />
      </div>
      <ResetNote />
      <DivergenceNotice />
      {!busy && blockers.length > 0 && (
        <div className="error control-bar__blockers" role="alert" aria-label="Why Train is disabled">
          <p>Train is disabled until these are fixed:</p>
          <ul>
            {blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
