import { useAppSelector } from '../state/hooks';
import { selectRunStatus } from '../state/runStatus';

export { describeModel } from '../state/runStatus';

/** The active model's name and where it comes from: the model Classify, Evaluate and the internals use. */
export function ActiveModelLabel() {
  const short = useAppSelector((s) => selectRunStatus(s).model);
  const long = useAppSelector((s) => selectRunStatus(s).modelLong);
  return (
    <p className="control-bar__model" aria-label="Active model" title={long}>
      Model: <strong>{short}</strong>
      <span className="visually-hidden">, {long}</span>
    </p>
  );
}
