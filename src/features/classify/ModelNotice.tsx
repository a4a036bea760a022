import { useAppSelector, useAppStore } from '../../state/hooks';
import { selectCanTrain } from '../../state/selectors';
import { selectRunStatus } from '../../state/runStatus';
import { selectRunSpeed } from '../../state/runSizes';
import { estimateText } from '../../components/RunSizePicker';

/** Says which model the predictions come from, and offers to train when there is none yet. */
export function ModelNotice() {
  const store = useAppStore();
  const backend = useAppSelector((s) => s.backend);
  const training = useAppSelector((s) => s.training);
  const test = useAppSelector((s) => s.test);
  const model = useAppSelector((s) => s.model);
  const modelReady = model.ready;
  const canTrain = useAppSelector(selectCanTrain);
  const { busy, modelLong } = useAppSelector(selectRunStatus);
  const pretrainedLoading = useAppSelector((s) => s.pretrained.status === 'loading');
  const config = useAppSelector((s) => s.config);
  const speed = useAppSelector((s) => selectRunSpeed(s)?.examplesPerSecond ?? null);
  const measured = useAppSelector((s) => selectRunSpeed(s)?.measured ?? false);

  if (backend.status === 'error') {
    return <p className="error">There is no model: TensorFlow.js could not start ({backend.error}).</p>;
  }
  if (backend.status === 'starting' || !modelReady) {
    return <p className="muted classify-notice">The model is not ready yet: TensorFlow.js is starting…</p>;
  }
  if (busy) {
    // "being tested" or "training (epoch 2 of 5)", from the one run status.
    const where = modelLong.replace(/^[^,]*, /, '').replace(/^in training/, 'training');
    return <p className="note classify-notice">The model is still {where}: the prediction is refreshed as it learns.</p>;
  }
  // Never a false "untrained" banner while the shipped model is on its way.
  if (pretrainedLoading && model.source === 'untrained' && model.batchesTrained === 0) {
    return <p className="muted classify-notice">Loading the pretrained model…</p>;
  }
  if (model.source === 'pretrained' || model.source === 'saved' || model.source === 'imported') {
    return (
      <p className="muted classify-notice">
        Using {modelLong}. Train your own ({estimateText(config, speed, measured)} with the current settings) to compare, or pick another model in the Models view.
      </p>
    );
  }
  if (model.source === 'untrained') {
    return (
      <div className="note classify-notice">
        <p>
          <strong>The model has not been trained yet</strong>, so its guesses below are random. Train it first ({estimateText(config, speed, measured)} with
          the current settings: {config.trainSize.toLocaleString('en')} images × {config.epochs} epoch{config.epochs === 1 ? '' : 's'}; the run sizes next to Train are
          shorter), or watch the guesses improve while it learns.
        </p>
        <button type="button" className="primary" onClick={() => store.train()} disabled={!canTrain}>
          Train the model
        </button>
        {!canTrain && <span className="muted"> Waiting for the training images…</span>}
      </div>
    );
  }
  if (training.status === 'error') {
    return <p className="error">Training failed ({training.error}); predictions come from the model as it was left.</p>;
  }
  if (test) {
    return (
      <p className="muted classify-notice">
        Using the model trained in this tab{test.partial ? ' (stopped early)' : ''}: {(test.accuracy * 100).toFixed(1)} % correct on {test.count.toLocaleString('en-US')} test
        images{test.flipTta ? ' (scored with flip test-time augmentation)' : ''}.
      </p>
    );
  }
  return <p className="muted classify-notice">Using the model trained in this tab (stopped before it was tested).</p>;
}
