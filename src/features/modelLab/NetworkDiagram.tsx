import { useReadableSvgFont } from '../../components/useReadableSvgFont';
import { INPUT_SHAPE, formatShape, type ModelAnalysis, type Shape } from '../../ml/model/analyze';
import type { LayerSpec } from '../../ml/model/spec';

const WIDTH = 1000;
const MAX_BLOCK = 120;
const TOP = 10;

/** Short label of a layer, e.g. "Conv 32 3×3". */
function shortLabel(layer: LayerSpec): string {
  switch (layer.type) {
    case 'conv2d':
      return `Conv ${layer.filters} ${layer.kernelSize}×${layer.kernelSize}`;
    case 'maxPool2d':
      return `MaxPool ${layer.poolSize}`;
    case 'avgPool2d':
      return `AvgPool ${layer.poolSize}`;
    case 'dense':
      return `Dense ${layer.units}`;
    case 'dropout':
      return `Dropout ${layer.rate}`;
    case 'batchNorm':
      return 'BatchNorm';
    case 'flatten':
      return 'Flatten';
    case 'globalAvgPool2d':
      return 'GlobalAvg';
  }
}

/**
 * Block size for a shape: feature maps get height ∝ spatial size and width ∝ log(channels);
 * flat vectors are thin bars with height ∝ log(units).
 */
function blockSize(shape: Shape, column: number): { w: number; h: number } {
  if (shape.length === 3) {
    return { w: Math.min(column * 0.7, 4 + 5 * Math.log2(shape[2] + 1)), h: Math.max(6, (shape[0] / INPUT_SHAPE[0]) * MAX_BLOCK) };
  }
  return { w: 8, h: Math.min(MAX_BLOCK, Math.max(6, 12 * Math.log2(shape[0] + 1))) };
}

/**
 * The network as blocks from input to output, sized by each layer's output; a layer with
 * a problem is drawn dashed with a "!" (its label says so too, not only the colour).
 */
export function NetworkDiagram({ layers, analysis }: { layers: readonly LayerSpec[]; analysis: ModelAnalysis }) {
  const columns = layers.length + 1;
  const column = WIDTH / columns;
  const items = [
    { key: 'input', label: 'Input', kind: 'input', shape: INPUT_SHAPE as Shape | null, problem: false },
    ...layers.map((layer, i) => ({
      key: `${i}-${layer.type}`,
      label: shortLabel(layer),
      kind: layer.type,
      shape: analysis.layers[i]?.outputShape ?? null,
      problem: (analysis.layers[i]?.problems.length ?? 0) > 0,
    })),
  ];
  const description = items
    .map((item) => `${item.label}${item.shape ? ` ${formatShape(item.shape)}` : item.problem ? ' (problem)' : ' (unknown)'}`)
    .join(' → ');
  // 11–12 units normally; on a projector at least 18 px on the screen (so larger units when the diagram is scaled down).
  const { ref: svgRef, font } = useReadableSvgFont(WIDTH);
  const fontSize = font(column < 70 ? 11 : 12);
  const shapeSize = font(fontSize - 1);
  // Labels that would overlap their neighbours alternate between rows (two, or more for long labels in large type).
  const widest = Math.max(...items.map((item) => Math.max(item.label.length, item.shape ? formatShape(item.shape).length : 1)));
  const rows = Math.min(4, Math.max(1, Math.ceil((widest * 0.65 * fontSize + 8) / column)));
  const rowStep = fontSize + shapeSize + 10;
  const height = Math.ceil(TOP + MAX_BLOCK + 16 + (rows - 1) * rowStep + 3 + shapeSize + 6);
  return (
    <figure className="network-diagram" tabIndex={0} /* scrolls sideways on a phone: the keyboard can scroll it too */>
      <svg ref={svgRef} viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Network diagram: ${description}`} preserveAspectRatio="xMidYMid meet">
        {items.map((item, i) => {
          const cx = column * (i + 0.5);
          const size = item.shape ? blockSize(item.shape, column) : { w: 24, h: 24 };
          const y = TOP + (MAX_BLOCK - size.h) / 2;
          const labelY = TOP + MAX_BLOCK + 16 + (i % rows) * rowStep;
          return (
            <g key={item.key} className={`diagram-block diagram-block--${item.kind}${item.problem ? ' diagram-block--problem' : ''}`}>
              {i > 0 && <line x1={column * i - column * 0.15} x2={column * i + column * 0.15} y1={TOP + MAX_BLOCK / 2} y2={TOP + MAX_BLOCK / 2} className="diagram-arrow" />}
              <rect x={cx - size.w / 2} y={y} width={size.w} height={size.h} rx={2} />
              {item.problem && (
                <text x={cx} y={TOP + MAX_BLOCK / 2 + 5} textAnchor="middle" fontSize={font(16)} className="diagram-warning">
                  !
                </text>
              )}
              <text x={cx} y={labelY} textAnchor="middle" fontSize={fontSize} className="diagram-label">
                {item.label}
              </text>
              <text x={cx} y={labelY + shapeSize + 3} textAnchor="middle" fontSize={shapeSize} className="diagram-shape">
                {item.shape ? formatShape(item.shape) : item.problem ? 'problem' : '?'}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">
        Each block is one layer&apos;s output: height follows the image size, width the number of channels; thin bars are flat vectors.
      </figcaption>
    </figure>
  );
}
