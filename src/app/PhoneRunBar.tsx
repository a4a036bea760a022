import type { RefObject } from 'react';
import { useAppSelector, useAppStore } from '../state/hooks';
import { selectRunStatus } from '../state/runStatus';
import { useInView } from './useInView';
import { useMediaQuery } from './useMediaQuery';

/** The layouts in which the header is not pinned (shell.css): phones, and short landscape screens. */
export const HEADER_SCROLLS_AWAY = '(max-width: 600px), (max-height: 500px)';

/**
 * On a phone the header scrolls away with the page (pinned, it would cover half the screen), so
 * while it is out of view a slim bar at the bottom keeps the run within reach: where the run
 * is, and Train, Pause or Resume, and Stop. It exists only then, so whenever the header's
 * buttons are on screen they are the only ones.
 */
export function PhoneRunBar({ headerRef }: { headerRef: RefObject<HTMLElement | null> }) {
  const headerScrollsAway = useMediaQuery(HEADER_SCROLLS_AWAY);
  const headerInView = useInView(headerRef, headerScrollsAway);
  if (!headerScrollsAway || headerInView) return null;
  return (
    <>
      {/* Room at the end of the page, so that the bar never hides the last lines. */}
      <div className="phone-run-bar__spacer" aria-hidden="true" />
      <RunBar />
    </>
  );
}

function RunBar() {
  const store = useAppStore();
  const { busy, canStart, text } = useAppSelector(selectRunStatus);
  const status = useAppSelector((s) => s.training.status);
  return (
    <section className="phone-run-bar" aria-label="Run bar">
      {/* Not a live region: the header's status line already announces the run. */}
      <p className="phone-run-bar__status">{text}</p>
      <div className="phone-run-bar__buttons">
        <button type="button" className="primary" onClick={() => store.train()} disabled={!canStart}>
          Train
        </button>
        {status === 'paused' ? (
          <button type="button" onClick={() => store.resume()}>
            Resume
          </button>
        ) : (
          <button type="button" onClick={() => store.pause()} disabled={status !== 'training'}>
            Pause
          </button>
        )}
        <button type="button" onClick={() => store.stop()} disabled={!busy}>
          Stop
        </button>
      </div>
    </section>
  );
}
