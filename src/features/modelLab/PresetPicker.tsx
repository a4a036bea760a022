import { useMemo } from 'react';
import { analyzeModel } from '../../ml/model/analyze';
import { PRESETS, presetWithLayers, type Preset } from '../../ml/model/presets';
import type { ModelSpec } from '../../ml/model/spec';

/** The four ready-made networks, each with a one-line explanation and its size. */
export function PresetPicker({ spec, disabled, onPick }: { spec: ModelSpec; disabled: boolean; onPick: (preset: Preset) => void }) {
  const current = presetWithLayers(spec.layers);
  const sizes = useMemo(() => new Map(PRESETS.map((p) => [p.id, analyzeModel(p.spec).totalParams ?? 0])), []);
  return (
    <fieldset className="presets" disabled={disabled}>
      <legend>Start from a preset</legend>
      <div className="presets__options">
        {PRESETS.map((preset) => (
          <label key={preset.id} className={`preset${current?.id === preset.id ? ' preset--selected' : ''}`}>
            <input type="radio" name="preset" value={preset.id} checked={current?.id === preset.id} onChange={() => onPick(preset)} />
            <span className="preset__text">
              <span className="preset__name">{preset.name}</span>
              <span className="preset__explanation">{preset.explanation}</span>
              <span className="preset__size muted">{sizes.get(preset.id)!.toLocaleString('en')} parameters</span>
            </span>
          </label>
        ))}
      </div>
      {!current && <p className="presets__custom">Custom architecture: your own layers (the address keeps them, so a link reproduces this network).</p>}
    </fieldset>
  );
}
