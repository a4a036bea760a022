import { lazy, Suspense, useRef } from 'react';
import { FailureBanner } from '../components/FailureBanner';
import { InterruptedRunBanner } from '../components/InterruptedRunBanner';
import { OfflineStatus } from '../components/OfflineStatus';
import { UpdateBanner } from '../components/UpdateBanner';
import { InstructorBar } from '../features/instructor/InstructorBar';
import './shell.css';
import { useAppSelector, useAppStore } from '../state/hooks';
import { ActiveView } from './ActiveView';
import { ControlBar } from './ControlBar';
import { countRootRender } from './renderCount';
import { PhoneRunBar } from './PhoneRunBar';
import { ResetConfirm } from './ResetConfirm';
import { ShortcutMessage } from './ShortcutMessage';
import { VIEWS } from './viewList';
import { hasClassLink } from '../features/classroom/classLink';

// A class in the address (#class=…): its connection lives as long as the page, whichever view is shown.
const ClassHost = lazy(() => import('../features/classroom/ClassHost').then((m) => ({ default: m.ClassHost })));
import { ViewNav } from './ViewNav';

const VIEW_KEYS = `${VIEWS[0].key}–${VIEWS[VIEWS.length - 1].key} Views (${VIEWS.map((v) => v.label).join(', ')})`;

/**
 * The shell: a header that stays on screen (title, the control bar, the views), then the one
 * active view. It re-renders only when the mode or the URL problems change, never on progress.
 */
export function App() {
  // The benchmark counts the root's renders (progress must not re-render it); production drops this.
  if (import.meta.env.MODE === 'bench') countRootRender();
  const store = useAppStore();
  const configProblems = useAppSelector((s) => s.configProblems);
  // Instructor mode (?instructor=1): the same shell, projector-sized.
  const instructor = useAppSelector((s) => s.ui.instructor);
  const headerRef = useRef<HTMLElement>(null);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the current view
      </a>
      <header className="app-header" ref={headerRef}>
        <div className="app-header__title">
          <h1>Fashion-MNIST CNN Playground</h1>
          <p className="muted app-header__tagline">Train a convolutional network in your browser and watch it learn.</p>
          {!instructor && (
            <button type="button" className="link-button app-header__mode" onClick={() => store.setInstructorMode(true)}>
              Instructor mode
            </button>
          )}
        </div>
        <ControlBar />
        <ViewNav />
        {instructor ? (
          <InstructorBar viewKeys={VIEW_KEYS}>
            <ShortcutMessage visible />
          </InstructorBar>
        ) : (
          <ShortcutMessage visible={false} />
        )}
      </header>
      {configProblems.length > 0 && (
        <div className="error banner" role="alert">
          <p>Some settings in the address were not understood and were replaced by defaults:</p>
          <ul>
            {configProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <UpdateBanner />
      <FailureBanner />
      <InterruptedRunBanner />
      <ActiveView />
      {hasClassLink() && (
        <Suspense fallback={null}>
          <ClassHost />
        </Suspense>
      )}
      <PhoneRunBar headerRef={headerRef} />
      <ResetConfirm />
      <footer className="muted footer">
        Data: Fashion-MNIST © 2017 Zalando SE, MIT licence. Everything runs in this browser tab; nothing is uploaded. · <OfflineStatus />
      </footer>
    </>
  );
}
