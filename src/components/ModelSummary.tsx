import { useEffect, useRef, useState } from 'react';
import { renderModelSummary } from '../vis/tfvisAdapter';
import { usePlayground, usePlaygroundStore } from '../state/usePlayground';
import { formatCount } from './format';

/** The network's layers, output shapes and parameter counts (tfjs-vis model summary). */
export function ModelSummary() {
  const { modelRevision } = usePlayground();
  const store = usePlaygroundStore();
  const container = useRef<HTMLDivElement>(null);
  const [params, setParams] = useState<number | null>(null);
  useEffect(() => {
    const model = store.getModel();
    if (!model || !container.current) return;
    setParams(model.countParams());
    void renderModelSummary(container.current, model);
  }, [modelRevision, store]);
  return (
    <section className="panel" aria-labelledby="model-heading">
      <h2 id="model-heading">Model</h2>
      <p className="muted">
        Conv2D(32, 3×3, ReLU) → MaxPool(2) → Conv2D(64, 3×3, ReLU) → MaxPool(2) → Flatten → Dense(128, ReLU) → Dense(10, softmax). Adam, learning rate
        0.001, cross-entropy loss.
      </p>
      {params !== null && <p>Total parameters: {formatCount(params)}</p>}
      <div ref={container} className="model-summary" data-testid="model-summary" />
    </section>
  );
}
