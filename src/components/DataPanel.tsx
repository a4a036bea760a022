import { useAppSelector, useAppStore } from '../state/hooks';
import { formatCount, formatMB } from './format';
import { OfflineStatus } from './OfflineStatus';

/** Download progress of the dataset (images and bytes), and a clear error with Retry. */
export function DataPanel() {
  const data = useAppSelector((s) => s.data);
  const store = useAppStore();
  const p = data.progress;
  const fraction = p && p.totalBytes ? p.loadedBytes / p.totalBytes : 0;
  return (
    <section className="panel data-panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Dataset</h2>
      <p className="muted">
        Fashion-MNIST, official split: 60,000 training and 10,000 test images, 28×28 grayscale, 10 classes.
      </p>
      <progress
        className="data-panel__bar"
        aria-label="Dataset download"
        max={1}
        value={data.status === 'ready' ? 1 : fraction}
      />
      <p className="data-panel__numbers" aria-live="polite">
        {p ? (
          <>
            {formatCount(p.loadedImages)} of {formatCount(p.totalImages)} images · {formatMB(p.loadedBytes)} of {formatMB(p.totalBytes)}
            {data.status === 'ready' && data.loadSeconds !== null && <> · loaded in {data.loadSeconds.toFixed(1)} s</>}
            {data.status === 'loading' && p.currentFile && <> · fetching {p.currentFile}</>}
          </>
        ) : (
          'Connecting…'
        )}
      </p>
      {data.status === 'loading' && data.trainAvailable > 0 && data.testAvailable > 0 && (
        <p className="muted">You can start training now; more training images keep arriving.</p>
      )}
      {data.decoderNote && <p className="note">{data.decoderNote}</p>}
      <OfflineStatus detailed />
      {data.error && (
        <div className="error" role="alert">
          <p>
            <strong>The dataset could not be loaded.</strong> {data.error.message}
          </p>
          <p>Nothing already loaded is lost: Retry continues from {data.error.file}.</p>
          <button type="button" onClick={() => store.loadData()}>
            Retry
          </button>
        </div>
      )}
    </section>
  );
}
