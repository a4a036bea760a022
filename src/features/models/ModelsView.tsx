import { useId, useState, type DragEvent } from 'react';
import { describeModel } from '../../components/ActiveModelLabel';
import { formatMB, formatPercent } from '../../components/format';
import { MAX_IMPORT_BYTES } from '../../ml/models/limits';
import { useAppSelector, useAppStore } from '../../state/hooks';
import { selectBusy } from '../../state/selectors';
import { downloadBytes } from './download';
import { SavedModelRow } from './SavedModelRow';
import { useModelAction } from './useModelAction';
import './models.css';

/**
 * Models you keep: the active model (pretrained, trained here, saved or imported), saving it in
 * this browser, exporting it as a file and importing one, and the list of saved models.
 * Everything stays on this machine: files are read and written by the browser itself.
 */
export function ModelsView() {
  const store = useAppStore();
  const model = useAppSelector((s) => s.model);
  const library = useAppSelector((s) => s.library);
  const pretrained = useAppSelector((s) => s.pretrained);
  const runModelAvailable = useAppSelector((s) => s.runModelAvailable);
  const busy = useAppSelector(selectBusy);
  const { busy: working, message, run } = useModelAction();
  const [name, setName] = useState('');
  const [dragging, setDragging] = useState(false);
  const ids = { name: useId(), file: useId() };
  const locked = busy || working !== null;
  const defaultName = `${model.name}${model.test ? `, ${formatPercent(model.test.accuracy)}` : ''}`;

  const importFile = (file: File) =>
    run('import', async () => {
      // Refused before reading: a huge file never fills the page's memory.
      if (file.size > MAX_IMPORT_BYTES) throw new Error(`“${file.name}” is ${formatMB(file.size)}; model files from this app are about 1 MB, and at most ${formatMB(MAX_IMPORT_BYTES)} is read.`);
      await store.importModel(new Uint8Array(await file.arrayBuffer()), file.name);
      return `Imported “${file.name}”: it is now the active model.`;
    });
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void importFile(file);
  };

  return (
    <section className="panel panel--wide models" aria-labelledby="models-heading">
      <h2 id="models-heading">Models</h2>
      <p className="models__active" aria-label="Active model">
        Active model: <strong>{describeModel(model)}</strong>. Classify, Evaluate and Inside the CNN use it; Train builds a fresh one.
      </p>
      <p className="muted">
        {pretrained.status === 'loading' && 'Loading the pretrained model…'}
        {pretrained.status === 'ready' &&
          `Pretrained model: ${pretrained.name}${pretrained.testAccuracy !== null ? `, ${formatPercent(pretrained.testAccuracy)} on ${(pretrained.testCount ?? 0).toLocaleString('en')} test images` : ''}.`}
        {pretrained.status === 'error' && `The pretrained model could not be loaded: ${pretrained.error}`}
      </p>
      <div className="controls-row">
        <button type="button" disabled={locked || pretrained.status !== 'ready' || model.source === 'pretrained'} onClick={() => run('use', () => store.useModel('pretrained').then(() => 'The pretrained model is now active.'))}>
          Use the pretrained model
        </button>
        <button type="button" disabled={locked || !runModelAvailable} onClick={() => run('use', () => store.useModel('run').then(() => "This tab's trained model is active again."))}>
          Use the model trained in this tab
        </button>
        <button
          type="button"
          disabled={locked || !model.ready}
          onClick={() =>
            run('export', async () => {
              const { bytes, fileName } = await store.exportModel();
              downloadBytes(bytes, fileName);
              return `Exported as ${fileName} (${formatMB(bytes.length)}).`;
            })
          }
        >
          Export the active model as a file
        </button>
      </div>

      <form
        className="controls-row models__save"
        onSubmit={(e) => {
          e.preventDefault();
          const chosen = name.trim() || defaultName;
          void run('save', () => store.saveModel(chosen).then((saved) => `Saved “${saved.name}” in this browser (${formatMB(saved.bytes)}).`));
        }}
      >
        <label htmlFor={ids.name}>Save the active model as</label>
        <input id={ids.name} value={name} placeholder={defaultName} maxLength={120} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="primary" disabled={locked || !model.ready || !library.available}>
          Save in this browser
        </button>
      </form>

      <div className={`models__drop${dragging ? ' models__drop--over' : ''}`} onDragOver={(e) => (e.preventDefault(), setDragging(true))} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
        <label htmlFor={ids.file}>Import a model file (.zip exported from this app)</label>{' '}
        <input
          id={ids.file}
          type="file"
          accept=".zip,application/zip"
          disabled={locked}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
        <span className="muted"> or drop it here.</span>
      </div>

      <div aria-live="polite">
        {working && <p className="muted">Working…</p>}
        {message && (
          <p className={message.error ? 'error' : 'note'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
      </div>

      <h3>Saved in this browser</h3>
      {!library.available && <p className="error">{library.error ?? 'This browser does not let the page store models.'} Export models as files instead.</p>}
      {library.available && library.models.length === 0 && <p className="muted">No saved models yet.</p>}
      {library.models.length > 0 && (
        <div className="models__table">
          <table>
            <caption className="visually-hidden">Models saved in this browser</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Architecture</th>
                <th scope="col">Epochs</th>
                <th scope="col">Test accuracy</th>
                <th scope="col">Saved</th>
                <th scope="col">Size</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {library.models.map((m) => (
                <SavedModelRow
                  key={m.id}
                  model={m}
                  disabled={locked}
                  onUse={() => void run('use', () => store.loadSavedModel(m.id).then(() => `“${m.name}” is now the active model.`))}
                  onRename={(next) => void run('rename', () => store.renameSavedModel(m.id, next).then(() => `Renamed to “${next}”.`))}
                  onDelete={() => void run('delete', () => store.deleteSavedModel(m.id).then(() => `Deleted “${m.name}”.`))}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {library.usage && (
        <p className="muted">
          Saved models use {formatMB(library.usage.savedModelsBytes)}, the checkpoint of the current run {formatMB(library.usage.checkpointsBytes)}
          {library.usage.siteQuotaBytes ? `; this site may use up to ${formatMB(library.usage.siteQuotaBytes)} in this browser` : ''}.
        </p>
      )}
    </section>
  );
}
