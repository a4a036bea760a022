import { useAppSelector } from '../state/hooks';
import { formatCount, formatPercent } from './format';

/** The latest numbers beside the curves (where the run is lives in the control bar), and the final test accuracy. */
export function TrainingStatus() {
  const training = useAppSelector((s) => s.training);
  const test = useAppSelector((s) => s.test);
  // The same words in the page's failure banner are announced there already: once is enough.
  const announcedAbove = useAppSelector((s) => s.failure !== null && s.failure === s.training.error);
  const last = training.batches[training.batches.length - 1];
  const lastEpoch = training.epochHistory[training.epochHistory.length - 1];
  return (
    <div className="training-status">
      {training.error && (
        <p className="error" role={announcedAbove ? undefined : 'alert'}>
          {training.error}
        </p>
      )}
      <dl className="stats">
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
          <p className="test-result__value" data-testid="test-accuracy">
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
