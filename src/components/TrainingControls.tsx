import { checkNumeric, NUMERIC_LIMITS, type RunConfig } from '../ml/config/runConfig';
import { usePlayground, usePlaygroundStore } from '../state/usePlayground';
import { BackendPicker } from './BackendPicker';
import { NumberField } from './NumberField';

type Key = 'epochs' | 'batchSize' | 'validationSplit' | 'trainSize' | 'testSize';
const FIELDS: { key: Key; step: number }[] = [
  { key: 'epochs', step: 1 },
  { key: 'batchSize', step: 1 },
  { key: 'validationSplit', step: 0.05 },
  { key: 'trainSize', step: 1000 },
  { key: 'testSize', step: 1000 },
];

/** Run settings and the Train / Stop buttons. */
export function TrainingControls() {
  const state = usePlayground();
  const store = usePlaygroundStore();
  const busy = store.isBusy();
  const canTrain = store.canTrain(state);
  const waitingFor =
    state.backend.status !== 'ready'
      ? 'Waiting for TensorFlow.js to start…'
      : !canTrain
        ? 'Waiting for the first training images and the test images…'
        : null;
  return (
    <div className="training-controls">
      <div className="fields">
        {FIELDS.map(({ key, step }) => {
          const limits = NUMERIC_LIMITS[key];
          return (
            <NumberField
              key={key}
              label={limits.label}
              value={state.config[key]}
              step={step}
              min={limits.min}
              max={limits.max}
              disabled={busy}
              validate={(v) => checkNumeric(key, v)}
              onCommit={(v) => store.setConfig({ [key]: v } as Partial<RunConfig>)}
            />
          );
        })}
        <BackendPicker />
      </div>
      <div className="controls-row">
        <button type="button" className="primary" onClick={() => void store.train()} disabled={busy || !canTrain}>
          Train
        </button>
        {state.training.status === 'paused' ? (
          <button type="button" onClick={() => store.resume()}>
            Resume
          </button>
        ) : (
          <button type="button" onClick={() => store.pause()} disabled={state.training.status !== 'training'}>
            Pause
          </button>
        )}
        <button
          type="button"
          onClick={() => void store.step()}
          disabled={state.training.status !== 'paused' && (busy || !canTrain)}
          title="Run exactly one batch, then pause"
        >
          Step
        </button>
        <button type="button" onClick={() => store.stop()} disabled={!busy}>
          Stop
        </button>
        {!busy && waitingFor && <span className="muted">{waitingFor}</span>}
      </div>
    </div>
  );
}
