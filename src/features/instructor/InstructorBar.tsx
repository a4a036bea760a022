import { useEffect, type ReactNode } from 'react';
import { useAppStore } from '../../state/hooks';
import { SHORTCUTS } from './shortcuts';
import './instructor.css';

/**
 * Instructor mode's strip: switches the page to the projector layout (large type, high
 * contrast), shows `children` (what the last shortcut did) and, on demand, the shortcuts.
 * `viewKeys` is how views are opened by key (e.g. "1–7 views").
 */
export function InstructorBar({ children, viewKeys }: { children?: ReactNode; viewKeys: string }) {
  const store = useAppStore();

  useEffect(() => {
    document.documentElement.classList.add('instructor-mode');
    return () => document.documentElement.classList.remove('instructor-mode');
  }, []);

  return (
    <aside className="instructor-bar" aria-label="Instructor mode">
      <p className="instructor-bar__title">
        <strong>Instructor mode</strong>
      </p>
      {children}
      <details className="instructor-bar__help">
        <summary>Shortcuts</summary>
        <ul className="instructor-bar__keys" aria-label="Keyboard shortcuts">
          {SHORTCUTS.map((s) => (
            <li key={s.command}>
              <kbd>{s.display}</kbd> {s.label}
            </li>
          ))}
          <li>{viewKeys}</li>
        </ul>
      </details>
      <button type="button" onClick={() => store.setInstructorMode(false)}>
        Leave instructor mode
      </button>
    </aside>
  );
}
