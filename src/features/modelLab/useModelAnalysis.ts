import { useMemo } from 'react';
import { analyzeModel } from '../../ml/model/analyze';
import { analyzeModelWithBudget } from '../../ml/model/resourceBudget';
import { usePlayground } from '../../state/usePlayground';

/**
 * The network's analysis with the resource budget of the active backend and batch size:
 * a network too big for this browser is reported at the network and Train waits. Until a
 * backend runs, only the shapes are checked (its budget is unknown).
 */
export function useModelAnalysis() {
  const { modelSpec, config, backend } = usePlayground();
  const active = backend.active;
  const batchSize = config.batchSize;
  const software = backend.software;
  return useMemo(
    () => (active === null ? { ...analyzeModel(modelSpec), budget: null } : analyzeModelWithBudget(modelSpec, { backend: active, batchSize, softwareWebGl: software })),
    [modelSpec, active, batchSize, software],
  );
}
