import { useCallback, useEffect, useRef } from 'react';
import { useAppStore } from '../../state/hooks';

/**
 * Reports the problems of fields whose typed value is not accepted to the store, so Train
 * (in the control bar, on every view) waits for them: `reporter(key)` is a stable callback
 * for one field. When the fields go (another view), their typed text goes with them, and so
 * do its problems: the settings in force are the last accepted ones.
 */
export function useFieldProblems(): { reporter: (key: string) => (problem: string | null) => void } {
  const store = useAppStore();
  const reporters = useRef(new Map<string, (problem: string | null) => void>());
  const reporter = useCallback(
    (key: string) => {
      let report = reporters.current.get(key);
      if (!report) {
        report = (problem: string | null) => store.reportFieldProblem(key, problem);
        reporters.current.set(key, report);
      }
      return report;
    },
    [store],
  );
  useEffect(() => {
    const keys = reporters.current;
    return () => keys.forEach((_, key) => store.reportFieldProblem(key, null));
  }, [store]);
  return { reporter };
}
