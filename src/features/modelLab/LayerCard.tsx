import type { LayerAnalysis } from '../../ml/model/analyze';
import { ACTIVATIONS, LAYER_LABELS, PADDINGS, type LayerSpec } from '../../ml/model/spec';
import { formatBatchShape, formatParams } from './format';
import { LayerNumberInput, LayerSelect } from './LayerInputs';

/** What each kind of layer does, in one line. */
const LAYER_HINTS: Record<LayerSpec['type'], string> = {
  conv2d: 'Slides small learned filters over the image; each filter answers "is my pattern here?".',
  maxPool2d: 'Keeps the strongest response in each window: smaller maps, a little shift tolerance.',
  avgPool2d: 'Keeps the mean of each window: smaller, smoother maps.',
  batchNorm: 'Rescales each channel to a steady range using batch statistics: faster, steadier training.',
  dropout: 'While training, zeroes a random fraction of values so no unit can be relied on alone.',
  flatten: 'Unrolls the feature maps into one long vector for the dense layers.',
  globalAvgPool2d: 'Averages each feature map to a single number: one value per channel.',
  dense: 'Every input connects to every unit: combines features into decisions.',
};

export interface LayerCardProps {
  readonly layer: LayerSpec;
  readonly index: number;
  readonly count: number;
  readonly analysis: LayerAnalysis;
  readonly locked: boolean;
  readonly onChange: (layer: LayerSpec) => void;
  readonly onMove: (direction: -1 | 1) => void;
  readonly onRemove: () => void;
}

/** One layer: its settings, output shape and parameters, and what is wrong with it, if anything. */
export function LayerCard({ layer, index, count, analysis, locked, onChange, onMove, onRemove }: LayerCardProps) {
  const number = index + 1;
  const isOutput = index === count - 1;
  const problemId = (field: string) => (analysis.problems.some((p) => p.field === field) ? `layer-${number}-problem-${field}` : null);
  const invalid = analysis.problems.length > 0;
  const common = { disabled: locked || isOutput };
  const fields = () => {
    switch (layer.type) {
      case 'conv2d':
        return (
          <>
            <LayerNumberInput {...common} label="Filters" value={layer.filters} min={1} problemId={problemId('filters')} onChange={(filters) => onChange({ ...layer, filters })} />
            <LayerNumberInput {...common} label="Kernel size" value={layer.kernelSize} min={1} problemId={problemId('kernelSize')} onChange={(kernelSize) => onChange({ ...layer, kernelSize })} />
            <LayerNumberInput {...common} label="Stride" value={layer.strides} min={1} problemId={problemId('strides')} onChange={(strides) => onChange({ ...layer, strides })} />
            <LayerSelect {...common} label="Padding" value={layer.padding} options={PADDINGS} problemId={problemId('padding')} onChange={(padding) => onChange({ ...layer, padding })} />
            <LayerSelect {...common} label="Activation" value={layer.activation} options={ACTIVATIONS} problemId={problemId('activation')} onChange={(activation) => onChange({ ...layer, activation })} />
          </>
        );
      case 'maxPool2d':
      case 'avgPool2d':
        return (
          <>
            <LayerNumberInput {...common} label="Pool size" value={layer.poolSize} min={1} problemId={problemId('poolSize')} onChange={(poolSize) => onChange({ ...layer, poolSize })} />
            <LayerNumberInput {...common} label="Stride" value={layer.strides} min={1} problemId={problemId('strides')} onChange={(strides) => onChange({ ...layer, strides })} />
            <LayerSelect {...common} label="Padding" value={layer.padding} options={PADDINGS} problemId={problemId('padding')} onChange={(padding) => onChange({ ...layer, padding })} />
          </>
        );
      case 'dense':
        return (
          <>
            <LayerNumberInput {...common} label="Units" value={layer.units} min={1} problemId={problemId('units')} onChange={(units) => onChange({ ...layer, units })} />
            <LayerSelect {...common} label="Activation" value={layer.activation} options={ACTIVATIONS} problemId={problemId('activation')} onChange={(activation) => onChange({ ...layer, activation })} />
          </>
        );
      case 'dropout':
        return <LayerNumberInput {...common} label="Rate" value={layer.rate} step={0.05} min={0} problemId={problemId('rate')} onChange={(rate) => onChange({ ...layer, rate })} />;
      default:
        return null;
    }
  };
  const hasFields = fields() !== null;
  const hint = <p className="layer-card__hint muted">{isOutput ? 'One probability per clothing class (softmax): every network ends here.' : LAYER_HINTS[layer.type]}</p>;
  return (
    <li className={`layer-card layer-card--${layer.type}${invalid ? ' layer-card--invalid' : ''}`}>
      <fieldset>
        <legend>
          <span className="layer-card__number">Layer {number}</span> <span className="layer-card__type">{LAYER_LABELS[layer.type]}</span>{' '}
          <code className="layer-card__name">{analysis.name}</code>
          {isOutput && <span className="layer-card__fixed"> · output layer (fixed)</span>}
        </legend>
        {hasFields && hint}
        <div className="layer-card__body">
          {hasFields ? <div className="layer-card__fields">{fields()}</div> : hint}
          <p className="layer-card__shape">
            {analysis.outputShape ? (
              <>
                Output <code>{formatBatchShape(analysis.outputShape)}</code> · {formatParams(analysis.params ?? 0)}
              </>
            ) : (
              <span className="muted">Output unknown{invalid ? '' : ' until the layers above are fixed'}</span>
            )}
          </p>
          {!isOutput && (
            <div className="layer-card__actions">
              <button type="button" aria-label={`Move layer ${number} up`} title="Move up" disabled={locked || index === 0} onClick={() => onMove(-1)}>
                ↑
              </button>
              <button type="button" aria-label={`Move layer ${number} down`} title="Move down" disabled={locked || index >= count - 2} onClick={() => onMove(1)}>
                ↓
              </button>
              <button type="button" aria-label={`Remove layer ${number}`} title="Remove" disabled={locked} onClick={onRemove}>
                ✕
              </button>
            </div>
          )}
        </div>
        {analysis.problems.map((p) => (
          <p key={`${p.field}:${p.message}`} className="layer-card__problem" id={p.field ? `layer-${number}-problem-${p.field}` : undefined}>
            <span aria-hidden="true">⚠ </span>
            {p.message}
          </p>
        ))}
      </fieldset>
    </li>
  );
}
