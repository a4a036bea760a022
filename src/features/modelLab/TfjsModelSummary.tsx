import { sameLayers } from '../../ml/model/spec';
import { useAppSelector } from '../../state/hooks';

const shapeText = (shape: readonly number[]) => `[batch,${shape.join(',')}]`;

/**
 * The built model as TensorFlow.js reports it (layer names, output shapes, parameter counts),
 * read in the engine: the editor above computes its list from the spec, so the two agreeing
 * shows its shapes and counts are right. Layers without weights are not trainable.
 */
export function TfjsModelSummary() {
  const model = useAppSelector((s) => s.model);
  // The active model may be another network than the one edited above (the pretrained one on a first visit, a loaded one).
  const other = useAppSelector((s) => s.model.spec !== null && !sameLayers(s.model.spec.layers, s.modelSpec.layers));
  return (
    <details className="tfjs-summary" open>
      <summary>
        The active model{model.name ? ` (${model.name})` : ''}, as TensorFlow.js reports it
        {model.batchesTrained > 0 ? ` (trained for ${model.batchesTrained.toLocaleString('en')} batches)` : ''}
      </summary>
      {model.ready && other && <p className="muted">This is not the network above: Train builds that one and makes it the active model.</p>}
      {!model.ready && <p className="muted">No model is built while the network above has problems.</p>}
      {/* Scrolls sideways on a phone; focusable so the keyboard can scroll it (axe: scrollable-region-focusable). */}
      <div className="model-summary" data-testid="tfjs-model-summary" tabIndex={0} role="region" aria-label="Layer table (scrolls sideways)">
        {model.ready && (
          <table>
            <caption className="visually-hidden">Layers of the built model</caption>
            <thead>
              <tr>
                <th scope="col">Layer</th>
                <th scope="col">Type</th>
                <th scope="col">Output shape</th>
                <th scope="col">Parameters</th>
                <th scope="col">Trainable</th>
              </tr>
            </thead>
            <tbody>
              {model.layers.map((layer) => (
                <tr key={layer.name}>
                  <td>{layer.name}</td>
                  <td>{layer.className}</td>
                  <td>{shapeText(layer.outputShape)}</td>
                  <td>{layer.params.toLocaleString('en')}</td>
                  <td>{layer.trainable ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Total
                </th>
                <td>{model.params.toLocaleString('en')}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        )}
      </div>
    </details>
  );
}
