/**
 * Which evaluation the panel shows: the engine evaluates the first (up to) 1,000 test
 * images after every epoch, so the matrix is live while training, and the whole test
 * subset when the run ends (also a stopped one), which then replaces it. Each belongs to
 * the model it was computed for, so a new run never shows the previous model's numbers.
 */
import { useEffect, useMemo } from 'react';
import { useAppSelector, useAppStore } from '../../state/hooks';
import { buildEvaluation, type EvaluationResult } from './evaluationResult';

export interface EvaluationView {
  /** The most recent evaluation of the current model, or null before the first epoch ends. */
  readonly result: EvaluationResult | null;
  /** Epoch (0-based) whose subset evaluation is running now, or null. */
  readonly updatingAfterEpoch: number | null;
}

export function useEvaluation(): EvaluationView {
  const store = useAppStore();
  const { epoch, final } = useAppSelector((s) => s.evaluation);
  const source = useAppSelector((s) => s.model.source);
  const testLoaded = useAppSelector((s) => s.data.testAvailable >= s.config.testSize);
  const modelRevision = useAppSelector((s) => s.model.revision);
  const hasFinal = final !== null && final.modelRevision === modelRevision;
  const labels = useAppSelector((s) => s.dataset.test.labels);
  const epochsDone = useAppSelector((s) => s.training.epochHistory.length);
  const status = useAppSelector((s) => s.training.status);

  const result = useMemo(() => {
    if (final && final.modelRevision === modelRevision) {
      const { result: test } = final;
      return buildEvaluation({
        source: { kind: 'final', partial: test.partial, epochsCompleted: test.epochsCompleted, epochs: test.epochs },
        testIndices: final.indices,
        allLabels: labels,
        probabilities: final.probabilities,
        seconds: final.seconds,
      });
    }
    if (epoch && epoch.modelRevision === modelRevision) {
      return buildEvaluation({
        source: { kind: 'epoch', epoch: epoch.epoch, epochs: epoch.epochs },
        testIndices: epoch.indices,
        allLabels: labels,
        probabilities: epoch.probabilities,
        seconds: epoch.seconds,
      });
    }
    return null;
  }, [epoch, final, modelRevision, labels]);

  // A model not trained here (pretrained, saved, imported) is evaluated when this view first shows it.
  const loaded = source === 'pretrained' || source === 'saved' || source === 'imported';
  useEffect(() => {
    if (loaded && testLoaded && !hasFinal) store.evaluateActiveModel().catch(() => undefined);
  }, [loaded, testLoaded, hasFinal, store]);

  // The engine evaluates right after each epoch: until that epoch's result is in, it is running.
  const lastEpoch = epochsDone - 1;
  const running = status === 'training' || status === 'validating' || status === 'paused';
  const updatingAfterEpoch = running && lastEpoch >= 0 && (epoch?.epoch ?? -1) < lastEpoch ? lastEpoch : null;
  return { result, updatingAfterEpoch };
}
