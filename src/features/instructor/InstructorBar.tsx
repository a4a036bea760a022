import { useEffect, useState } from 'react';
import { useAppSelector, useAppStore } from '../../state/hooks';
import type { AppStore } from '../../state/store';
import type { TrainingState } from '../../state/types';
import { runShortcut } from './commands';
import { SHORTCUTS, shortcutFor } from './shortcuts';
import './instructor.css';

/** Opens the internals panel and brings it into view. */
function showInternals(store: AppStore): void {
  store.setInternalsOpen(true);
  requestAnimationFrame(() => {
    const heading = document.getElementById('internals-heading');
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  });
}

const STATUS: Record<TrainingState['status'], string> = {
  idle: 'Ready to train',
  training: 'Training',
  paused: 'Paused',
  validating: 'Validating',
  evaluating: 'Testing',
  done: 'Finished',
  stopped: 'Stopped',
  error: 'Training failed',
};

/** One line for the sticky bar, so the room sees the run's state while the page is scrolled to the internals. */
function runSummary(training: TrainingState): string {
  const parts = [STATUS[training.status]];
  if (training.status !== 'idle' && training.epochs > 0) parts.push(`epoch ${Math.min(training.epoch + 1, training.epochs)}/${training.epochs}`);
  if (training.batchesInEpoch > 0 && training.status !== 'idle') parts.push(`batch ${training.batch}/${training.batchesInEpoch}`);
  return parts.join(' · ');
}

/**
 * Instructor mode's bar: switches the page to the projector layout (large type, high
 * contrast), lists the keyboard shortcuts and says what the last one did.
 */
export function InstructorBar() {
  const store = useAppStore();
  const training = useAppSelector((s) => s.training);
  const [message, setMessage] = useState('');

  useEffect(() => {
    document.documentElement.classList.add('instructor-mode');
    return () => document.documentElement.classList.remove('instructor-mode');
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = shortcutFor(event);
      if (!command) return;
      event.preventDefault();
      const key = SHORTCUTS.find((s) => s.command === command)?.display.split(' ')[0] ?? event.key;
      if (command === 'internals') {
        showInternals(store);
        setMessage(`${key}: the internals are open.`);
      } else {
        setMessage(`${key}: ${runShortcut(store, command)}`);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);

  return (
    <aside className="instructor-bar" aria-label="Instructor mode">
      <p className="instructor-bar__title">
        <strong>Instructor mode</strong>
        <span className="instructor-bar__run">{runSummary(training)}</span>
      </p>
      <p className="instructor-bar__message" role="status" aria-label="Last shortcut">
        {message || 'Shortcuts work anywhere except while typing in a field.'}
      </p>
      <button type="button" onClick={() => store.setInstructorMode(false)}>
        Leave instructor mode
      </button>
      <ul className="instructor-bar__keys" aria-label="Keyboard shortcuts">
        {SHORTCUTS.map((s) => (
          <li key={s.command}>
            <kbd>{s.display}</kbd> {s.label}
          </li>
        ))}
      </ul>
    </aside>
  );
}
