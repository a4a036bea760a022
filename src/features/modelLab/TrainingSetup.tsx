import { runConfigProblems } from '../../ml/config/runConfig';
import { architectureName } from '../../ml/config/describeSetup';
import { usePlayground, usePlaygroundStore } from '../../state/usePlayground';
import { HyperparameterFields } from './HyperparameterFields';
import { describeChange } from './runSeries';
import { useFieldProblems } from './useFieldProblems';
import { useModelAnalysis } from './useModelAnalysis';
import './modelLab.css';

/**
 * Hyperparameters and the run controls: Train, Pause / Resume, Step (exactly one batch),
 * Stop and Reset. Train explains why it waits, if it does.
 */
export function TrainingSetup() {
  const state = usePlayground();
  const store = usePlaygroundStore();
  const { problems: fieldProblems, reporter } = useFieldProblems();
  const analysis = useModelAnalysis();
  const busy = store.isBusy(state);
  const status = state.training.status;
  const changes = state.training.learningRateChanges;
  const blockers = [
    ...(analysis.valid ? [] : ['The network has problems: see the Model panel.']),
    ...Object.values(fieldProblems),
    ...runConfigProblems(state.config),
  ];
  const waitingFor =
    state.backend.status !== 'ready'
      ? 'Waiting for TensorFlow.js to start…'
      : blockers.length === 0 && !store.canTrain(state)
        ? 'Waiting for the first training images and the test images…'
        : null;
  const canStart = !busy && blockers.length === 0 && store.canTrain(state);
  return (
    <div className="training-setup">
      <HyperparameterFields reporter={reporter} />
      <p className="training-setup__model">
        Model: <strong>{architectureName(state.modelSpec)}</strong>
        {analysis.totalParams !== null && <> · {analysis.totalParams.toLocaleString('en')} weights to learn</>}
      </p>
      <div className="controls-row" role="group" aria-label="Run controls">
        <button type="button" className="primary" onClick={() => void store.train()} disabled={!canStart}>
          Train
        </button>
        {status === 'paused' ? (
          <button type="button" onClick={() => store.resume()}>
            Resume
          </button>
        ) : (
          <button type="button" onClick={() => store.pause()} disabled={status !== 'training'}>
            Pause
          </button>
        )}
        <button type="button" onClick={() => void store.step()} disabled={status !== 'paused' && !canStart} title="Run exactly one batch, then pause">
          Step
        </button>
        <button type="button" onClick={() => store.stop()} disabled={!busy} title="End the run; the model so far is still tested">
          Stop
        </button>
        <button
          type="button"
          onClick={() => void store.reset()}
          disabled={status === 'idle' || state.backend.status !== 'ready'}
          title="Stop without testing, start again from fresh weights and clear the curves"
        >
          Reset
        </button>
        {!busy && waitingFor && <span className="muted">{waitingFor}</span>}
      </div>
      {changes.length > 0 && (
        <p className="training-setup__changes">
          Learning-rate changes in this run (the “learning rate (scaled)” step line on the batch curves):{' '}
          {changes.map((c) => describeChange(c.from, c.to, c.step)).join('; ')}.
        </p>
      )}
      {!busy && blockers.length > 0 && (
        <div className="error" role="alert" aria-label="Why Train is disabled">
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
