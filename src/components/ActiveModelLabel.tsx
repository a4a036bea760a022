import { formatPercent } from './format';
import { useAppSelector } from '../state/hooks';
import type { ModelInfo } from '../state/types';

const SOURCE: Record<ModelInfo['source'], string> = {
  untrained: 'untrained',
  trained: 'trained in this tab',
  pretrained: 'pretrained',
  saved: 'saved in this browser',
  imported: 'imported',
};

/** "Pretrained CNN (pretrained, 92.1 % on 10,000 test images)": which model the views use now. */
export function describeModel(model: ModelInfo): string {
  if (!model.ready) return model.error ? 'none (see the Model view)' : 'not built yet';
  const test = model.test ? `, ${formatPercent(model.test.accuracy, 1)} on ${model.test.count.toLocaleString('en')} test images` : '';
  return `${model.name} (${SOURCE[model.source]}${test})`;
}

/** "Pretrained (90.4%)": the short form for the control bar (the full one is its tooltip). */
function shortModel(model: ModelInfo): string {
  if (!model.ready) return model.error ? 'none' : '…';
  const detail = model.test ? formatPercent(model.test.accuracy, 1) : SOURCE[model.source];
  return `${model.name} (${detail})`;
}

/** The active model's name and where it comes from: the model Classify, Evaluate and the internals use. */
export function ActiveModelLabel() {
  const model = useAppSelector((s) => s.model);
  return (
    <p className="control-bar__model" aria-label="Active model" title={describeModel(model)}>
      Model: <strong>{shortModel(model)}</strong>
      <span className="visually-hidden">, {describeModel(model)}</span>
    </p>
  );
}
