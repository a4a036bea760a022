/**
 * Which defences against overfitting the current setup uses, in words, for the
 * overfitting explanation ("this model uses: dropout 0.25 after dense_6, …").
 */
import type { EarlyStoppingChoice, RunConfig } from '../config/runConfig';
import { layerName } from '../model/analyze';
import type { ModelSpec } from '../model/spec';

const MONITORED: Record<Exclude<EarlyStoppingChoice, 'off'>, string> = {
  val_loss: 'validation loss',
  val_accuracy: 'validation accuracy',
  loss: 'training loss',
  accuracy: 'training accuracy',
};

export interface RegularisationItem {
  readonly name: 'dropout' | 'batchNorm' | 'augmentation' | 'weightDecay' | 'earlyStopping';
  readonly active: boolean;
  readonly text: string;
}

export function describeRegularisation(spec: Pick<ModelSpec, 'layers' | 'l2' | 'augmentation'>, config: Pick<RunConfig, 'earlyStopping' | 'patience' | 'restoreBestWeights'>): RegularisationItem[] {
  const named = spec.layers.map((layer, i) => ({ layer, name: layerName(layer, i) }));
  const dropouts = named.flatMap(({ layer, name }) => (layer.type === 'dropout' ? [`${layer.rate} (${name})`] : []));
  const norms = named.filter(({ layer }) => layer.type === 'batchNorm').map(({ name }) => name);
  const aug = spec.augmentation;
  const augParts = [
    aug.shift > 0 ? `shifts of up to ${aug.shift} px` : null,
    aug.flip ? 'left-right mirroring' : null,
    aug.erase > 0 ? `random erasing (${Math.round(aug.erase * 100)}% of images)` : null,
  ].filter((p): p is string => p !== null);
  const stopping = config.earlyStopping;
  return [
    { name: 'dropout', active: dropouts.length > 0, text: dropouts.length ? `dropout ${dropouts.join(', ')}` : 'no dropout' },
    { name: 'batchNorm', active: norms.length > 0, text: norms.length ? `batch normalisation (${norms.join(', ')})` : 'no batch normalisation' },
    { name: 'augmentation', active: augParts.length > 0, text: augParts.length ? `augmentation: ${augParts.join(', ')}` : 'no augmentation' },
    { name: 'weightDecay', active: spec.l2 > 0, text: spec.l2 > 0 ? `L2 weight decay ${spec.l2}` : 'no weight decay' },
    {
      name: 'earlyStopping',
      active: stopping !== 'off',
      text:
        stopping === 'off'
          ? 'no early stopping'
          : `early stopping on the ${MONITORED[stopping]} after ${config.patience} epoch${config.patience === 1 ? '' : 's'} without improvement${config.restoreBestWeights ? ', restoring the best weights' : ''}`,
    },
  ];
}
