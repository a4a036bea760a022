import { useMemo } from 'react';
import { analyzeModel } from '../../ml/model/analyze';
import { DEFAULT_RUN_CONFIG } from '../../ml/config/runConfig';
import { PRESETS, presetWithLayers, type Preset } from '../../ml/model/presets';
import { describePresetTiming } from '../../ml/model/presetTimings';
import type { ModelSpec } from '../../ml/model/spec';

/** The run a preset is tuned for (its schedule is planned over it); the app's defaults otherwise. */
export function presetRun(preset: Preset): { batchSize: number; epochs: number } {
  return preset.recommended ?? { batchSize: DEFAULT_RUN_CONFIG.batchSize, epochs: DEFAULT_RUN_CONFIG.epochs };
}

/**
 * The ready-made networks, each with a one-line explanation, its size, the run it is tuned
 * for (picking it sets that run's epochs and batch size) and its measured time to accuracy.
 */
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
              <span className="preset__size muted">
                {sizes.get(preset.id)!.toLocaleString('en')} parameters · {presetRun(preset).epochs} epochs of batch {presetRun(preset).batchSize}
              </span>
              {describePresetTiming(preset.id) && <span className="preset__timing muted">{describePresetTiming(preset.id)}</span>}
            </span>
          </label>
        ))}
      </div>
      {!current && <p className="presets__custom">Custom architecture: your own layers (the address keeps them, so a link reproduces this network).</p>}
    </fieldset>
  );
}
