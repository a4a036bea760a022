import { listProblems } from '../../ml/model/analyze';
import { insertLayer, moveLayer, removeLayer, replaceLayer } from '../../ml/model/editLayers';
import { defaultLayer, type LayerSpec } from '../../ml/model/spec';
import { useAppSelector, useAppStore } from '../../state/hooks';
import { selectBusy } from '../../state/selectors';
import { AddLayerForm } from './AddLayerForm';
import { LayerCard } from './LayerCard';
import { NetworkDiagram } from './NetworkDiagram';
import { PresetPicker, presetRun } from './PresetPicker';
import { TfjsModelSummary } from './TfjsModelSummary';
import { useModelAnalysis } from './useModelAnalysis';
import './modelLab.css';

/**
 * The model lab: presets, a diagram, and the layer editor with live output shapes and
 * parameter counts. Locked while a run trains (changes apply to the next run).
 */
export function ModelLab() {
  const spec = useAppSelector((s) => s.modelSpec);
  const locked = useAppSelector(selectBusy);
  const store = useAppStore();
  const analysis = useModelAnalysis();
  const setLayers = (layers: LayerSpec[]) => store.setModelSpec({ ...spec, layers });
  const problems = listProblems(analysis);
  return (
    <section className="panel panel--wide model-lab" aria-labelledby="model-heading">
      <h2 id="model-heading">Model</h2>
      <PresetPicker spec={spec} disabled={locked} onPick={(preset) => {
          store.setModelSpec(preset.spec);
          store.setConfig(presetRun(preset));
        }} />
      {locked && <p className="note">The network is locked while a run is active; edits apply to the next run.</p>}
      <NetworkDiagram layers={spec.layers} analysis={analysis} />
      <p className="model-lab__total">
        {analysis.totalParams !== null ? (
          <strong>Total parameters: {analysis.totalParams.toLocaleString('en')}</strong>
        ) : (
          <strong>Total parameters: – (fix the problems below first)</strong>
        )}
        <span className="muted"> · input 28×28×1 grayscale image</span>
      </p>
      {analysis.warnings.map((w) => (
        <p key={w} className="note">
          {w}
        </p>
      ))}
      {problems.length > 0 && (
        <div className="error" role="alert">
          <p>
            <strong>This network cannot be trained yet</strong> ({problems.length === 1 ? 'one problem' : `${problems.length} problems`}, explained at the layer):
          </p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <h3 className="model-lab__subheading">Layers</h3>
      <ol className="layer-list" data-testid="model-summary" aria-label="Layers">
        {spec.layers.map((layer, i) => (
          <LayerCard
            key={`${i}-${layer.type}`}
            layer={layer}
            index={i}
            count={spec.layers.length}
            analysis={analysis.layers[i]}
            locked={locked}
            onChange={(next) => setLayers(replaceLayer(spec.layers, i, next))}
            onMove={(direction) => setLayers(moveLayer(spec.layers, i, direction))}
            onRemove={() => setLayers(removeLayer(spec.layers, i))}
          />
        ))}
      </ol>
      <AddLayerForm
        names={analysis.layers.map((l) => l.name)}
        disabled={locked}
        onAdd={(type, index) => setLayers(insertLayer(spec.layers, index, defaultLayer(type)))}
      />
      <TfjsModelSummary />
    </section>
  );
}
