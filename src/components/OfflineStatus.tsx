import { useAppSelector } from '../state/hooks';
import { offlineStatusText } from './offlineStatusText';

/** Whether the app works without a network here: one line, or (`detailed`) with what is stored and any problem. */
export function OfflineStatus({ detailed = false }: { readonly detailed?: boolean }) {
  const shell = useAppSelector((s) => s.appShell);
  const copy = useAppSelector((s) => s.data.offline);
  const text = offlineStatusText(shell, copy);
  if (!detailed) return <span className="offline-status">{text.headline}</span>;
  return (
    <div className="offline-status offline-status--detailed" aria-label="Offline use">
      <p>
        <strong>{text.headline}</strong>
      </p>
      {text.details.map((d) => (
        <p key={d} className="muted">
          {d}
        </p>
      ))}
      {text.warning && (
        <p className="note" role="status">
          {text.warning}
        </p>
      )}
    </div>
  );
}
