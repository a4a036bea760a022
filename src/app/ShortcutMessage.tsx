import { useEffect, useState } from 'react';
import { runShortcut } from '../features/instructor/commands';
import { isTypingTarget, SHORTCUTS, shortcutFor } from '../features/instructor/shortcuts';
import { useAppSelector, useAppStore } from '../state/hooks';
import { selectRunStatus, type RunPhase } from '../state/runStatus';
import { viewForKey } from './viewList';

/**
 * Listens for the keyboard shortcuts on the whole page, in every mode (never while typing in
 * a field): T, P / Space, S, R drive the run, I and the number keys open views. Says what the
 * last one did, visibly in instructor mode and to screen readers always.
 */
export function ShortcutMessage({ visible }: { visible: boolean }) {
  const store = useAppStore();
  const [said, setSaid] = useState<{ text: string; onlyWhile?: RunPhase }>({ text: '' });
  const phase = useAppSelector((s) => selectRunStatus(s).phase);
  // "Not ready to train yet" describes a moment: once the status moves on, it is no longer true.
  const message = said.onlyWhile === undefined || said.onlyWhile === phase ? said.text : '';

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const view = !event.ctrlKey && !event.metaKey && !event.altKey && !event.repeat && !isTypingTarget(event.target) ? viewForKey(event.key) : null;
      if (view) {
        event.preventDefault();
        store.setView(view.id);
        setSaid({ text: `${view.key}: ${view.label}.` });
        return;
      }
      const command = shortcutFor(event);
      if (!command) return;
      event.preventDefault();
      const key = SHORTCUTS.find((s) => s.command === command)?.display.split(' ')[0] ?? event.key;
      if (command === 'internals') {
        store.setView('internals');
        setSaid({ text: `${key}: the internals are open.` });
      } else {
        const outcome = runShortcut(store, command);
        setSaid({ text: `${key}: ${outcome.text}`, onlyWhile: outcome.onlyWhile });
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);

  return (
    <p className={visible ? 'shortcut-message' : 'visually-hidden'} role="status" aria-label="Last shortcut">
      {message || (visible ? 'Shortcuts work anywhere except while typing in a field.' : '')}
    </p>
  );
}
