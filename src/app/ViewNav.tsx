import { useAppSelector, useAppStore } from '../state/hooks';
import { VIEWS, viewHref } from './viewList';

/**
 * One link per view, each one click (or its number key) away. Links, so a view can be opened
 * in a new tab or shared; a plain click switches in place.
 */
export function ViewNav() {
  const store = useAppStore();
  const view = useAppSelector((s) => s.ui.view);
  // The settings are in the address too: re-render when they change, so the links carry them.
  useAppSelector((s) => s.config);
  useAppSelector((s) => s.modelSpec);
  const here = typeof window === 'undefined' ? 'http://localhost/' : window.location.href;
  return (
    <nav className="view-nav" aria-label="Views">
      <ul>
        {VIEWS.map((v) => (
          <li key={v.id}>
            <a
              href={viewHref(here, v.id)}
              aria-current={v.id === view ? 'page' : undefined}
              aria-keyshortcuts={v.key}
              onClick={(event) => {
                if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                event.preventDefault();
                store.setView(v.id);
              }}
            >
              <span className="view-nav__key" aria-hidden="true">
                {v.key}
              </span>
              {v.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
