import { useAppSelector } from '../../state/hooks';
import { selectModelAnalysis } from '../../state/selectors';

/**
 * The network's analysis with the resource budget of the active backend and batch size:
 * a network too big for this browser is reported at the network and Train waits. Until a
 * backend runs, only the shapes are checked (its budget is unknown).
 */
export function useModelAnalysis() {
  return useAppSelector(selectModelAnalysis);
}
