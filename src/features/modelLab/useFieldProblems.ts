import { useCallback, useMemo, useRef, useState } from 'react';

/**
 * Collects the problems of fields whose typed value is not accepted, so the Train button
 * can wait for them: `reporter(key)` is a stable callback for one field.
 */
export function useFieldProblems(): { problems: Record<string, string>; reporter: (key: string) => (problem: string | null) => void } {
  const [problems, setProblems] = useState<Record<string, string>>({});
  const reporters = useRef(new Map<string, (problem: string | null) => void>());
  const reporter = useCallback((key: string) => {
    let report = reporters.current.get(key);
    if (!report) {
      report = (problem: string | null) =>
        setProblems((current) => {
          if ((current[key] ?? null) === problem) return current;
          const next = { ...current };
          if (problem === null) delete next[key];
          else next[key] = problem;
          return next;
        });
      reporters.current.set(key, report);
    }
    return report;
  }, []);
  return useMemo(() => ({ problems, reporter }), [problems, reporter]);
}
