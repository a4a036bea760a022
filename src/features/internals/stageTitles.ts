/** Headings of the internals stages, from a layer's description. */
import type { LayerInfo } from '../../ml/internals/layerInfo';

export const formatShape = (shape: readonly number[]) => shape.join('×');

export function stageTitle(info: LayerInfo): string {
  const out = `→ ${formatShape(info.outputShape)}`;
  const win = info.windowSize ? `${info.windowSize[0]}×${info.windowSize[1]}` : '';
  const stride = info.strides ? `, stride ${info.strides[0]}` : '';
  const act = info.activation && info.activation !== 'linear' ? ` + ${info.activation === 'relu' ? 'ReLU' : info.activation}` : '';
  switch (info.kind) {
    case 'conv':
      return `Convolution: ${info.outputShape[2]} filters of ${win}${act} ${out}`;
    case 'maxPool':
      return `Max pooling ${win}${stride} ${out}`;
    case 'avgPool':
      return `Average pooling ${win}${stride} ${out}`;
    case 'flatten':
      return `Flatten ${out}`;
    case 'dense':
      return `Dense: ${info.outputShape[0]} units${act} ${out}`;
    case 'dropout':
      return `Dropout ${out}`;
    case 'batchNorm':
      return `Batch normalisation ${out}`;
    case 'globalAvgPool':
      return `Global average pooling ${out}`;
    default:
      return `${info.className} ${out}`;
  }
}
