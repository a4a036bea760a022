import { useState } from 'react';
import { formatMB, formatPercent } from '../../components/format';
import type { SavedModelSummary } from '../../state/types';

interface Props {
  readonly model: SavedModelSummary;
  readonly disabled: boolean;
  readonly onUse: () => void;
  readonly onRename: (name: string) => void;
  readonly onDelete: () => void;
}

/** One saved model: what it is, and use / rename / delete (delete asks once more). */
export function SavedModelRow({ model, disabled, onUse, onRename, onDelete }: Props) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(model.name);
  const [confirming, setConfirming] = useState(false);
  return (
    <tr>
      <th scope="row">
        {renaming ? (
          <form
            className="controls-row"
            onSubmit={(e) => {
              e.preventDefault();
              setRenaming(false);
              if (name.trim() && name.trim() !== model.name) onRename(name.trim());
            }}
          >
            <label className="visually-hidden" htmlFor={`rename-${model.id}`}>
              New name for {model.name}
            </label>
            <input id={`rename-${model.id}`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} autoFocus />
            <button type="submit">Save name</button>
          </form>
        ) : (
          model.name
        )}
      </th>
      <td>{model.architecture}</td>
      <td>{model.epochsTrained}</td>
      <td>{model.testAccuracy === null ? '–' : `${formatPercent(model.testAccuracy)} (${(model.testCount ?? 0).toLocaleString('en')})`}</td>
      <td>{new Date(model.savedAt).toLocaleString()}</td>
      <td>{formatMB(model.bytes)}</td>
      <td>
        <div className="controls-row">
          <button type="button" onClick={onUse} disabled={disabled} aria-label={`Use ${model.name}`}>
            Use
          </button>
          <button type="button" onClick={() => setRenaming(!renaming)} disabled={disabled} aria-label={`Rename ${model.name}`}>
            Rename
          </button>
          {confirming ? (
            <button type="button" className="danger" onClick={onDelete} disabled={disabled} aria-label={`Really delete ${model.name}`}>
              Really delete
            </button>
          ) : (
            <button type="button" onClick={() => setConfirming(true)} disabled={disabled} aria-label={`Delete ${model.name}`}>
              Delete
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
