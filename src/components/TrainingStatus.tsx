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
          <dt>Epoch · batch</dt>
          <dd>{training.batchesInEpoch > 0 ? `${Math.min(training.epoch + 1, training.epochs)} of ${training.epochs} · ${training.batch} of ${training.batchesInEpoch}` : '–'}</dd>
          <dd className="stat__help">An epoch is one pass over all training images; a batch is the handful of images (64 by default) behind each weight update.</dd>
        </div>
        <div>
          <dt>Batch loss</dt>
          <dd>{last ? last.loss.toFixed(3) : '–'}</dd>
          <dd className="stat__help">How wrong the last batch was: 2.3 is guessing, lower is better.</dd>
        </div>
        <div>
          <dt>Batch accuracy</dt>
          <dd>{last ? formatPercent(last.accuracy) : '–'}</dd>
          <dd className="stat__help">Share of the last batch classified right (guessing: 10%).</dd>
        </div>
        <div>
          <dt>Val. accuracy</dt>
          <dd>{lastEpoch?.valAccuracy != null ? formatPercent(lastEpoch.valAccuracy) : '–'}</dd>
          <dd className="stat__help">On images held out from training, after each epoch: how well it generalises.</dd>
        </div>
        <div>
          <dt>Tensors in memory</dt>
          <dd>{training.numTensors || '–'}</dd>
          <dd className="stat__help">Arrays TensorFlow.js holds; a steady count means no memory leaks.</dd>
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
