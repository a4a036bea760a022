import type { LayerActivation } from '../../ml/internals/activations';
import type { ConvFilters } from '../../ml/internals/convFilters';
import { zeroFraction } from '../../ml/internals/maps';
import { ConceptNote } from './ConceptNote';
import { FilterGrid, FirstLayerFilters } from './FilterViews';
import { MapGrid } from './MapGrid';
import { PoolingComparison } from './PoolingComparison';
import { SoftmaxTable } from './SoftmaxTable';
import { formatShape, stageTitle } from './stageTitles';
import { VectorStrip } from './VectorStrip';

export interface StageInput {
  readonly values: Float32Array;
  readonly shape: readonly number[];
}

export interface LayerStageProps {
  readonly position: number;
  readonly activation: LayerActivation;
  /** What flows into this layer (the previous layer's output, or the image). */
  readonly input: StageInput;
  readonly isFirstConv: boolean;
  readonly isLast: boolean;
  /** This conv layer's filters, when read (always for the first convolution, on demand for deeper ones). */
  readonly filters: ConvFilters | null;
  readonly filtersRequested: boolean;
  readonly onToggleFilters: () => void;
  readonly perMapRange: boolean;
  readonly channel: number;
  readonly onChannelChange: (channel: number) => void;
  readonly trueClass: number | null;
}

const percent = (f: number) => `${Math.round(f * 100)}%`;
const count = (n: number) => n.toLocaleString('en');

/** One layer of the network for the chosen image: what it does, its live outputs, and the concept behind it. */
export function LayerStage(props: LayerStageProps) {
  const { activation, position } = props;
  const { layer } = activation;
  const headingId = `stage-${layer.name}`;
  return (
    <section className="stage" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className="stage__number">{position}</span> {layer.name} <span className="stage__what">· {stageTitle(layer)}</span>
      </h3>
      <StageBody {...props} />
    </section>
  );
}

function StageBody({ activation, input, isFirstConv, isLast, filters, filtersRequested, onToggleFilters, perMapRange, channel, onChannelChange, trueClass }: LayerStageProps) {
  const { layer, values, preActivation } = activation;
  const [h, w, c] = layer.outputShape;
  const spatial = layer.outputShape.length === 3;
  const grid = (stage: string, data: Float32Array, scale: 'sequential' | 'diverging', selectable = false) => (
    <MapGrid
      layerName={layer.name}
      stage={stage}
      values={data}
      height={h}
      width={w}
      channels={c}
      scale={scale}
      perMapRange={perMapRange}
      selected={selectable ? channel : undefined}
      onSelect={selectable ? onChannelChange : undefined}
    />
  );
  const strip = (stage: string, data: Float32Array, scale: 'sequential' | 'diverging', columns = 32, rowMeaning?: string) => (
    <VectorStrip layerName={layer.name} stage={stage} values={data} columns={columns} scale={scale} rowMeaning={rowMeaning} cellSize={data.length <= 256 ? 12 : 8} />
  );
  const activationName = layer.activation === 'relu' ? 'ReLU' : layer.activation;

  switch (layer.kind) {
    case 'conv':
      return (
        <>
          <ConceptNote name="convolution" />
          {isFirstConv && filters && <FirstLayerFilters filters={filters} />}
          {!isFirstConv && (
            <div className="controls-row">
              <button type="button" aria-expanded={filtersRequested} onClick={onToggleFilters}>
                {filtersRequested ? `Hide the filters of ${layer.name}` : `Show the filters of ${layer.name}`}
              </button>
            </div>
          )}
          {!isFirstConv && filtersRequested && (filters ? <FilterGrid filters={filters} /> : <p className="muted">Reading the filters…</p>)}
          {preActivation && grid(`before ${activationName} (convolution + bias)`, preActivation, 'diverging')}
          {grid(preActivation ? `after ${activationName}` : 'output', values, 'sequential', true)}
          {layer.activation === 'relu' && (
            <ConceptNote name="relu" live={<>Right now ReLU sets {percent(zeroFraction(values))} of this layer’s {count(values.length)} values to 0.</>} />
          )}
        </>
      );
    case 'maxPool':
    case 'avgPool': {
      const [ih, iw, ic] = input.shape;
      const canCompare = input.shape.length === 3 && layer.windowSize !== null && layer.strides !== null && layer.padding === 'valid';
      return (
        <>
          <ConceptNote
            name={layer.kind}
            live={
              <>
                {formatShape(input.shape)} → {formatShape(layer.outputShape)}: {count(input.values.length)} values become {count(values.length)}.
              </>
            }
          />
          {grid('output', values, 'sequential', true)}
          {canCompare && (
            <PoolingComparison
              layerName={layer.name}
              input={input.values}
              height={ih}
              width={iw}
              channels={ic}
              channel={Math.min(channel, ic - 1)}
              onChannelChange={onChannelChange}
              poolSize={layer.windowSize![0]}
              stride={layer.strides![0]}
              used={layer.kind === 'maxPool' ? 'max' : 'avg'}
            />
          )}
        </>
      );
    }
    case 'flatten': {
      const columns = input.shape.length === 3 ? input.shape[2] : 32;
      const meaning = input.shape.length === 3 ? `one of the ${input.shape[0]}×${input.shape[1]} positions with its ${input.shape[2]} channel values` : undefined;
      return (
        <>
          <ConceptNote name="flatten" />
          {strip(`the ${count(values.length)} values`, values, 'sequential', columns, meaning)}
        </>
      );
    }
    case 'dense':
      if (isLast && preActivation && layer.activation === 'softmax') {
        return (
          <>
            <ConceptNote name="softmax" />
            <SoftmaxTable logits={preActivation} probabilities={values} trueClass={trueClass} />
          </>
        );
      }
      return (
        <>
          <ConceptNote name="dense" />
          {preActivation && strip(`before ${activationName} (weighted sum + bias)`, preActivation, 'diverging')}
          {strip(preActivation ? `after ${activationName}` : 'output', values, 'sequential')}
          {layer.activation === 'relu' && <p className="concept__live">ReLU switched off {percent(zeroFraction(values))} of these units for this image.</p>}
        </>
      );
    case 'dropout':
    case 'batchNorm':
      return (
        <>
          <ConceptNote name={layer.kind} />
          {spatial ? grid('output', values, layer.kind === 'batchNorm' ? 'diverging' : 'sequential') : strip('output', values, 'diverging')}
        </>
      );
    case 'globalAvgPool':
      return (
        <>
          <ConceptNote name="globalAvgPool" />
          {strip('one value per channel', values, 'sequential')}
        </>
      );
    default:
      return spatial ? grid('output', values, 'diverging') : strip('output', values, 'diverging');
  }
}
