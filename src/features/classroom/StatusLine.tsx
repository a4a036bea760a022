import type { ClassSession } from './classSession';
import { useSessionStatus } from './useClass';

/** The relay connection in words (a dropped connection is normal: work goes on and is sent when it is back). */
export function StatusLine({ session, pending }: { session: ClassSession; pending?: string }) {
  useSessionStatus(session);
  const text = session.refusal
    ? session.refusal
    : session.status === 'connected'
      ? 'Connected to the class relay.'
      : session.everSynced
        ? `Reconnecting to the class relay… ${pending ?? 'Nothing is lost: results are sent when it is back.'}`
        : 'Connecting to the class relay…';
  return (
    <p role="status" className={`class-status class-status--${session.refusal ? 'refused' : session.status}`} data-testid="class-status">
      {text}
    </p>
  );
}
