import { useAppSelector } from '../state/hooks';
import { formatCount, formatDuration, formatPercent } from './format';

const LABELS = {
  idle: 'Ready to train',
  training: 'Training',
  paused: 'Paused',
  validating: 'Validating',
  evaluating: 'Evaluating on the test set',
  done: 'Finished',
  stopped: 'Stopped',
  error: 'Training failed',
} as const;

/** Where the run is: epoch, batch, speed, ETA, the final test accuracy. */
export function TrainingStatus() {
  const training = useAppSelector((s) => s.training);
  const test = useAppSelector((s) => s.test);
  const last = training.batches[training.batches.length - 1];
  const lastEpoch = training.epochHistory[training.epochHistory.length - 1];
  return (
    <div className="training-status">
      <p className="training-status__line" role="status" aria-label="Training status">
        {/* A pause takes effect once the batches in flight are done: say so until then. */}
        <strong>{training.status === 'paused' && !training.waiting ? 'Pausing…' : LABELS[training.status]}</strong>
        {training.status !== 'idle' && (
          <>
            {' '}
            · epoch {Math.min(training.epoch + 1, training.epochs)} of {training.epochs}
            {training.batchesInEpoch > 0 && (
              <>
                {' '}
                · batch {training.batch} of {training.batchesInEpoch}
              </>
            )}
          </>
        )}
        {training.status === 'evaluating' && training.evaluationProgress !== null && <> · {formatPercent(training.evaluationProgress, 0)}</>}
      </p>
      {training.error && (
        <p className="error" role="alert">
          {training.error}
        </p>
      )}
      <dl className="stats">
        <div>
          <dt>Examples/s</dt>
          <dd aria-label="Examples per second">{training.examplesPerSecond === null ? '–' : formatCount(Math.round(training.examplesPerSecond))}</dd>
        </div>
        <div>
          <dt>ETA</dt>
          <dd>{training.status === 'training' ? formatDuration(training.etaSeconds) : '–'}</dd>
        </div>
        <div>
          <dt>Batch loss</dt>
          <dd>{last ? last.loss.toFixed(3) : '–'}</dd>
        </div>
        <div>
          <dt>Val. accuracy</dt>
          <dd>{lastEpoch?.valAccuracy != null ? formatPercent(lastEpoch.valAccuracy) : '–'}</dd>
        </div>
        <div>
          <dt>Tensors in memory</dt>
          <dd>{training.numTensors || '–'}</dd>
        </div>
      </dl>
      {test && (
        <div className="test-result">
          <p className="test-result__label" id="test-accuracy-label">
            Test accuracy{test.partial ? ' (training stopped early)' : ''}
          </p>
          <p className="test-result__value" aria-labelledby="test-accuracy-label" data-testid="test-accuracy">
            {formatPercent(test.accuracy, 2)}
          </p>
          <p className="muted">
            on {formatCount(test.count)} test images never seen in training · loss {test.loss.toFixed(3)} · evaluated in {test.seconds.toFixed(1)} s
          </p>
        </div>
      )}
    </div>
  );
}
