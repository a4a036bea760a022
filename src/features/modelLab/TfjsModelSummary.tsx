import { useEffect, useRef } from 'react';
import { usePlayground, usePlaygroundStore } from '../../state/usePlayground';
import { renderModelSummary } from '../../vis/tfvisAdapter';

/**
 * TensorFlow.js's own summary of the model that will train (tfjs-vis): the layer list above
 * is computed by the editor from the spec; this one comes from the built tfjs model, so the
 * two agreeing shows the editor's shapes and counts are right.
 */
export function TfjsModelSummary() {
  const { modelRevision } = usePlayground();
  const store = usePlaygroundStore();
  const container = useRef<HTMLDivElement>(null);
  const model = store.getModel(); // a new object on every rebuild, null while the spec is invalid
  useEffect(() => {
    if (!container.current) return;
    if (model) void renderModelSummary(container.current, model);
    else container.current.replaceChildren();
  }, [model, modelRevision]);
  return (
    <details className="tfjs-summary" open>
      <summary>Model summary from TensorFlow.js (the built model: layers, output shapes, parameters)</summary>
      {!model && <p className="muted">No model is built while the network above has problems.</p>}
      <div ref={container} className="model-summary" data-testid="tfjs-model-summary" />
    </details>
  );
}
