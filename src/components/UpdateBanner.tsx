import { useState } from 'react';
import { applyUpdate } from '../platform/serviceWorker';
import { useAppSelector } from '../state/hooks';
import { selectBusy } from '../state/selectors';

/**
 * A new version has been installed and waits. It takes over only when the user reloads, and
 * never while a run trains (the button waits for the run to end).
 */
export function UpdateBanner() {
  const ready = useAppSelector((s) => s.appShell.updateReady);
  const busy = useAppSelector(selectBusy);
  const [reloading, setReloading] = useState(false);
  if (!ready) return null;
  return (
    <div className="note banner update-banner" role="status">
      <p>
        A new version is ready — reload{busy ? ' when this run has ended (training is never interrupted for an update).' : ' to use it.'}
      </p>
      <button
        type="button"
        disabled={busy || reloading}
        onClick={() => {
          setReloading(true);
          void applyUpdate();
        }}
      >
        {reloading ? 'Reloading…' : 'Reload'}
      </button>
    </div>
  );
}
