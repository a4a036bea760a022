import { BackendBadge } from '../components/BackendBadge';
import { DataPanel } from '../components/DataPanel';
import { DatasetExplorer } from '../components/DatasetExplorer';
import { TrainingCharts } from '../components/TrainingCharts';
import { TrainingStatus } from '../components/TrainingStatus';
import { ClassifyPanel } from '../features/classify/ClassifyPanel';
import { EvaluationPanel } from '../features/evaluation/EvaluationPanel';
import { InstructorBar } from '../features/instructor/InstructorBar';
import { InternalsPanel } from '../features/internals/InternalsPanel';
import { ModelLab } from '../features/modelLab/ModelLab';
import { RunsPanel } from '../features/modelLab/RunsPanel';
import { TrainingSetup } from '../features/modelLab/TrainingSetup';
import { useAppSelector } from '../state/hooks';
import { countRootRender } from './renderCount';

export function App() {
  countRootRender();
  const configProblems = useAppSelector((s) => s.configProblems);
  // Instructor mode (?instructor=1): projector layout and shortcuts; the data panels are hidden.
  const instructor = useAppSelector((s) => s.ui.instructor);
  return (
    <>
      <header className="app-header">
        <div>
          <h1>Fashion-MNIST CNN Playground</h1>
          <p className="muted">Train a convolutional network in your browser and watch it learn.</p>
        </div>
        <BackendBadge />
      </header>
      {instructor && <InstructorBar />}
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
      <main className="layout">
        <ModelLab />
        <section className="panel panel--wide" aria-labelledby="train-heading">
          <h2 id="train-heading">Training</h2>
          <TrainingSetup />
          <TrainingStatus />
          <TrainingCharts />
        </section>
        <RunsPanel />
        <EvaluationPanel />
        <ClassifyPanel />
        <InternalsPanel />
        {!instructor && <DataPanel />}
        {!instructor && <DatasetExplorer />}
      </main>
      <footer className="muted footer">
        Data: Fashion-MNIST © 2017 Zalando SE, MIT licence. Everything runs in this browser tab; nothing is uploaded.
      </footer>
    </>
  );
}
