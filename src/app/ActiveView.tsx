import { lazy, Suspense, useEffect, useRef } from 'react';
import { useAppSelector } from '../state/hooks';
import type { ViewId } from '../state/views';
import { TrainView } from './TrainView';

// Only the Train view is in the first download: the others (and their chart code) load on first visit.
const ModelLab = lazy(() => import('../features/modelLab/ModelLab').then((m) => ({ default: m.ModelLab })));
const EvaluationPanel = lazy(() => import('../features/evaluation/EvaluationPanel').then((m) => ({ default: m.EvaluationPanel })));
const ClassifyPanel = lazy(() => import('../features/classify/ClassifyPanel').then((m) => ({ default: m.ClassifyPanel })));
const InternalsPanel = lazy(() => import('../features/internals/InternalsPanel').then((m) => ({ default: m.InternalsPanel })));
const ModelsView = lazy(() => import('../features/models/ModelsView').then((m) => ({ default: m.ModelsView })));
const RunsPanel = lazy(() => import('../features/modelLab/RunsPanel').then((m) => ({ default: m.RunsPanel })));
const LessonsView = lazy(() => import('../features/lessons/LessonsView').then((m) => ({ default: m.LessonsView })));
const ClassView = lazy(() => import('../features/classroom/ClassView').then((m) => ({ default: m.ClassView })));
const DataView = lazy(() => import('./DataView').then((m) => ({ default: m.DataView })));

function ViewContent({ view }: { view: ViewId }) {
  switch (view) {
    case 'train':
      return <TrainView />;
    case 'model':
      return <ModelLab />;
    case 'evaluate':
      return <EvaluationPanel />;
    case 'classify':
      return <ClassifyPanel />;
    case 'internals':
      return <InternalsPanel />;
    case 'models':
      return <ModelsView />;
    case 'runs':
      return <RunsPanel />;
    case 'data':
      return <DataView />;
    case 'lessons':
      return <LessonsView />;
    case 'class':
      return <ClassView />;
  }
}

/** The one view on screen. Switching views moves focus to the main area, so keyboard users start there. */
export function ActiveView() {
  const view = useAppSelector((s) => s.ui.view);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Not on first load: focus starts at the top of the page (the skip link, then Train).
    if (main.current && !main.current.contains(document.activeElement)) main.current.focus({ preventScroll: true });
  }, [view]);
  return (
    <main id="main" ref={main} tabIndex={-1} className={`layout layout--${view}`} data-view={view}>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <ViewContent view={view} />
      </Suspense>
    </main>
  );
}
