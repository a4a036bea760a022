import { useCallback, useRef, useState } from 'react';
import { formatCount, formatPercent } from '../../components/format';
import { trace } from '../../ml/metrics';
import { useAppSelector } from '../../state/hooks';
import { selectRunStatus } from '../../state/runStatus';
import { CellGallery } from './CellGallery';
import { ClassificationReportSection } from './ClassificationReportSection';
import { ConfusedPairsSection } from './ConfusedPairsSection';
import type { Cell } from './ConfusionMatrixGrid';
import { ConfusionMatrixSection } from './ConfusionMatrixSection';
import { describeSource } from './labels';
import { SamplePredictions } from './SamplePredictions';
import { EPOCH_SUBSET_SIZE } from '../../ml/training/epochSubset';
import { useEvaluation } from './useEvaluation';
import './evaluation.css';

/**
 * How good is the model, and where does it go wrong? Confusion matrix (click a
 * cell for its images), classification report, most-confused pairs and sample
 * predictions, refreshed after every epoch and final when training ends.
 */
export function EvaluationPanel() {
  const training = useAppSelector((s) => s.training);
  const { result, updatingAfterEpoch } = useEvaluation();
  const [normalized, setNormalized] = useState(false);
  const [cell, setCell] = useState<Cell | null>(null);
  // Where focus was when the gallery opened, to return it there on close.
  const opener = useRef<HTMLElement | null>(null);
  // Stable callbacks: the sections are memoised, and the panel re-renders on every progress update.
  const openCell = useCallback((next: Cell) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setCell(next);
  }, []);
  const closeGallery = useCallback(() => {
    setCell(null);
    opener.current?.focus();
  }, []);
  const data = useAppSelector((s) => s.dataset);
  // The model's recipe says whether its evaluations average each image with its mirror.
  const flipTta = useAppSelector((s) => s.model.spec?.flipTta ?? false);
  const { busy: running, endedAt, modelLong } = useAppSelector(selectRunStatus);
  // A model not trained here (or the shipped one on its way) is evaluated as soon as it is in: say so meanwhile.
  const loadedModel = useAppSelector((s) => s.model.source === 'pretrained' || s.model.source === 'saved' || s.model.source === 'imported' || (s.pretrained.status === 'loading' && s.model.batchesTrained === 0));

  let progress: string | null = null;
  if (updatingAfterEpoch !== null) progress = `Evaluating the model after epoch ${updatingAfterEpoch + 1}…`;
  else if (training.status === 'evaluating') progress = 'Evaluating the final model on the test set…';

  return (
    <section className="panel panel--wide evaluation" aria-labelledby="evaluation-heading">
      <h2 id="evaluation-heading">Evaluation on the test set</h2>
      <div aria-live="polite">
        {result ? (
          <p className="evaluation__source">
            <strong>{describeSource(result, endedAt)}.</strong> Accuracy {formatPercent(result.report.accuracy)}
            {flipTta ? ' with flip test-time augmentation' : ''}: {formatCount(trace(result.matrix))} of {formatCount(result.count)} images correct
            {flipTta ? ' (each image and its mirror image scored, their answers averaged)' : ''}.
          </p>
        ) : (
          <p className="muted">
            {running
              ? 'The first evaluation appears after epoch 1.'
              : loadedModel
                ? modelLong.startsWith('loading')
                  ? 'Loading the pretrained model, then evaluating it on the test images…'
                  : `Evaluating the active model, ${modelLong}, on the test images…`
                : `Train a model to evaluate it here: after every epoch on the first ${formatCount(EPOCH_SUBSET_SIZE)} test images, and on the whole test set when training ends (or is stopped).`}
          </p>
        )}
        {progress && <p className="muted evaluation__progress">{progress}</p>}
      </div>
      {result && data && (
        <>
          <ConfusionMatrixSection
            matrix={result.matrix}
            normalized={normalized}
            onNormalizedChange={setNormalized}
            selected={cell}
            onSelect={openCell}
          />
          {cell && (
            <CellGallery key={`${cell.trueClass}-${cell.predictedClass}`} result={result} data={data} cell={cell} onClose={closeGallery} />
          )}
          <div className="evaluation__columns">
            <ClassificationReportSection report={result.report} />
            <ConfusedPairsSection result={result} data={data} onSelect={openCell} />
          </div>
          <SamplePredictions result={result} data={data} />
        </>
      )}
    </section>
  );
}
