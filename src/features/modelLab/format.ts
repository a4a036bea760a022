/** Formatting shared by the model lab's views. */
import type { Shape } from '../../ml/model/analyze';

/** Keras/tfjs-vis style: [batch,26,26,32]. */
export const formatBatchShape = (shape: Shape) => `[batch,${shape.join(',')}]`;

export const formatParams = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'parameter' : 'parameters'}`;
