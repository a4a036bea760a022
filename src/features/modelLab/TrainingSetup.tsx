import { useAppSelector } from '../../state/hooks';
import { HyperparameterFields } from './HyperparameterFields';
import { describeChange } from './runSeries';
import { useFieldProblems } from './useFieldProblems';
import './modelLab.css';

/**
 * Every setting of the next run (the run controls are in the control bar). A typed value
 * that is not accepted is explained at its field and holds Train back.
 */
export function TrainingSetup() {
  const changes = useAppSelector((s) => s.training.learningRateChanges);
  const { reporter } = useFieldProblems();
  return (
    <div className="training-setup">
      <HyperparameterFields reporter={reporter} />
      {changes.length > 0 && (
        <p className="training-setup__changes">
          Learning-rate changes in this run (the “learning rate (scaled)” step line on the batch curves):{' '}
          {changes.map((c) => describeChange(c.from, c.to, c.step)).join('; ')}.
        </p>
      )}
    </div>
  );
}
