import { useAppSelector, useAppStore } from '../state/hooks';

/** Something the engine could not do outside any button's own message (shown until dismissed). */
export function FailureBanner() {
  const store = useAppStore();
  const failure = useAppSelector((s) => s.failure);
  if (!failure) return null;
  return (
    <div className="error banner" role="alert">
      <p>{failure}</p>
      <button type="button" onClick={() => store.dismissFailure()}>
        Dismiss
      </button>
    </div>
  );
}
