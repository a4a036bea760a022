/**
 * Which evaluation the panel shows, and keeping it fresh:
 *  - after every epoch, an epoch hook evaluates the first (up to) 1,000 test
 *    images, so the matrix is live while training;
 *  - when the store publishes a new test result (end of a run, also a stopped
 *    one), its full test evaluation replaces the subset.
 * Each result is tied to the run it belongs to (model revision / test result),
 * so a new run never shows the previous model's numbers.
 */
import { useEffect, useState } from 'react';
import { usePlayground, usePlaygroundStore } from '../../state/usePlayground';
import type { TestResult } from '../../state/types';
import { buildEvaluation, type EvaluationResult } from './evaluationResult';
import { epochSubsetSize, evaluateFirstTestImages } from './testSubsetEvaluation';

export interface EvaluationView {
  /** The most recent evaluation of the current run, or null before the first epoch ends. */
  readonly result: EvaluationResult | null;
  /** Epoch (0-based) whose subset evaluation is running now, or null. */
  readonly updatingAfterEpoch: number | null;
  /** Why the last per-epoch evaluation failed (training goes on regardless). */
  readonly error: string | null;
}

export function useEvaluation(): EvaluationView {
  const store = usePlaygroundStore();
  const { test, modelRevision, training } = usePlayground();
  const [epochResult, setEpochResult] = useState<{ modelRevision: number; result: EvaluationResult } | null>(null);
  const [finalResult, setFinalResult] = useState<{ test: TestResult; result: EvaluationResult } | null>(null);
  const [updatingAfterEpoch, setUpdatingAfterEpoch] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const unregister = store.addEpochHook(async ({ model, epoch, data, signal }) => {
      const snapshot = store.getSnapshot();
      const count = epochSubsetSize(snapshot.config.testSize, data.test.availableCount);
      if (count === 0) return;
      setUpdatingAfterEpoch(epoch);
      try {
        const source = { kind: 'epoch', epoch, epochs: snapshot.training.epochs } as const;
        const result = await evaluateFirstTestImages(model, data.test, count, source, signal);
        if (result) setEpochResult({ modelRevision: snapshot.modelRevision, result });
        setError(null);
      } catch (e) {
        // The hook is awaited by the training loop: a failure here must not end the run.
        setError(`The evaluation after epoch ${epoch + 1} failed: ${(e as Error).message}`);
      } finally {
        setUpdatingAfterEpoch(null);
      }
    });
    return () => {
      unregister();
    };
  }, [store]);

  const epochsCompleted = training.epochHistory.length;
  const epochs = training.epochs;
  useEffect(() => {
    if (!test) return;
    // The store holds the evaluation before it publishes `test`. Built in a macrotask so
    // the status update paints first (10,000 predictions take a moment to tabulate).
    const read = () => {
      const evaluation = store.getTestEvaluation();
      const data = store.getData();
      if (evaluation && data && evaluation.indices.length === test.count) {
        const source = { kind: 'final', partial: test.partial, epochsCompleted, epochs } as const;
        const result = buildEvaluation({
          source,
          testIndices: evaluation.indices,
          allLabels: data.test.labels,
          probabilities: evaluation.probabilities,
          seconds: test.seconds,
        });
        setFinalResult({ test, result });
      }
    };
    const timer = setTimeout(read, 0);
    return () => clearTimeout(timer);
    // epochsCompleted/epochs only label the result; a new `test` object is what triggers it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, test]);

  const current =
    finalResult && finalResult.test === test
      ? finalResult.result
      : epochResult && epochResult.modelRevision === modelRevision
        ? epochResult.result
        : null;
  return { result: current, updatingAfterEpoch, error };
}
