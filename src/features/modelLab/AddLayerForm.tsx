import { useId, useState } from 'react';
import { LAYER_LABELS, LAYER_TYPES, type LayerType } from '../../ml/model/spec';

/** Adds a layer of the chosen type at the chosen place (never after the output layer). */
export function AddLayerForm({ names, disabled, onAdd }: { names: readonly string[]; disabled: boolean; onAdd: (type: LayerType, index: number) => void }) {
  const id = useId();
  const [type, setType] = useState<LayerType>('conv2d');
  const beforeOutput = names.length - 1;
  const [position, setPosition] = useState<number | null>(null);
  const index = position === null || position > beforeOutput ? beforeOutput : position;
  return (
    <form
      className="add-layer"
      onSubmit={(e) => {
        e.preventDefault();
        onAdd(type, index);
      }}
    >
      <div className="layer-field">
        <label htmlFor={`${id}-type`}>New layer type</label>
        <select id={`${id}-type`} value={type} disabled={disabled} onChange={(e) => setType(e.target.value as LayerType)}>
          {LAYER_TYPES.map((t) => (
            <option key={t} value={t}>
              {LAYER_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="layer-field">
        <label htmlFor={`${id}-position`}>Insert</label>
        <select id={`${id}-position`} value={index} disabled={disabled} onChange={(e) => setPosition(Number(e.target.value))}>
          {names.slice(0, -1).map((name, i) => (
            <option key={name} value={i}>
              before layer {i + 1} ({name})
            </option>
          ))}
          <option value={beforeOutput}>before the output layer</option>
        </select>
      </div>
      <button type="submit" disabled={disabled}>
        Add layer
      </button>
    </form>
  );
}
