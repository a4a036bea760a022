import { useEffect, useRef } from 'react';
import { useAppSelector, useAppStore } from '../state/hooks';
import { selectRunStatus } from '../state/runStatus';

/**
 * Asked when Reset (button or R) meets a run in progress: discarding it loses its curves and
 * its test, so the page asks first and offers Stop, which keeps the run (tested, in Runs).
 * A modal dialog: focus moves into it, Escape cancels.
 */
export function ResetConfirm() {
  const store = useAppStore();
  const open = useAppSelector((s) => s.ui.confirmingReset);
  const where = useAppSelector((s) => selectRunStatus(s).text);
  const busy = useAppSelector((s) => selectRunStatus(s).busy);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  // The run ended by itself while the question was open: nothing is left to discard.
  useEffect(() => {
    if (open && !busy) store.answerReset('cancel');
  }, [open, busy, store]);

  return (
    <dialog ref={dialog} className="reset-confirm" aria-labelledby="reset-confirm-title" onCancel={() => store.answerReset('cancel')}>
      <h2 id="reset-confirm-title">Discard the run in progress?</h2>
      <p>
        {where}. Reset throws this run away: its curves and its test result are not kept. Stop ends it instead, tests the model so far and keeps
        the run in Runs.
      </p>
      <div className="reset-confirm__buttons">
        <button type="button" className="primary" onClick={() => store.answerReset('stop')} autoFocus>
          Stop and keep the run
        </button>
        <button type="button" className="danger" onClick={() => store.answerReset('discard')}>
          Discard and reset
        </button>
        <button type="button" onClick={() => store.answerReset('cancel')}>
          Keep training
        </button>
      </div>
    </dialog>
  );
}
