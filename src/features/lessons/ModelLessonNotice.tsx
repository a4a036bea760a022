import { useAppSelector, useAppStore } from '../../state/hooks';

/** Whether the model in use can answer (a trained one is needed), with a way to get one. */
export function useUsableModel(): { usable: boolean; notice: React.ReactNode } {
  const store = useAppStore();
  const model = useAppSelector((s) => s.model);
  const pretrained = useAppSelector((s) => s.pretrained.status);
  const busy = useAppSelector((s) => s.training.status === 'training' || s.training.status === 'paused' || s.training.status === 'validating' || s.training.status === 'evaluating');
  const usable = model.ready && model.source !== 'untrained' && !busy;
  if (usable) return { usable, notice: <p className="muted">Model in use: {model.name}{model.test ? `, ${(model.test.accuracy * 100).toFixed(1)}% on the test images` : ''}.</p> };
  return {
    usable,
    notice: busy ? (
      <p className="muted">A run is training: this lesson uses the model once the run has ended.</p>
    ) : (
      <p className="muted">
        The model in use is untrained.{' '}
        {pretrained === 'ready' && (
          <button type="button" onClick={() => void store.useModel('pretrained').catch(() => undefined)}>
            Use the pretrained model
          </button>
        )}
      </p>
    ),
  };
}
