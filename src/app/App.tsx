import { BackendBadge } from '../components/BackendBadge';
import { DataPanel } from '../components/DataPanel';
import { DatasetExplorer } from '../components/DatasetExplorer';
import { ModelSummary } from '../components/ModelSummary';
import { TrainingCharts } from '../components/TrainingCharts';
import { TrainingControls } from '../components/TrainingControls';
import { TrainingStatus } from '../components/TrainingStatus';
import { usePlayground } from '../state/usePlayground';

export function App() {
  const { configProblems } = usePlayground();
  return (
    <>
      <header className="app-header">
        <div>
          <h1>Fashion-MNIST CNN Playground</h1>
          <p className="muted">Train a convolutional network in your browser and watch it learn.</p>
        </div>
        <BackendBadge />
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
      <main className="layout">
        <section className="panel panel--wide" aria-labelledby="train-heading">
          <h2 id="train-heading">Training</h2>
          <TrainingControls />
          <TrainingStatus />
          <TrainingCharts />
        </section>
        {/* evaluation panel (issue: evaluation) */}
        {/* classify panel (issue: classify your own) */}
        {/* internals panel (issue: inside the CNN) */}
        <DataPanel />
        <ModelSummary />
        <DatasetExplorer />
      </main>
      <footer className="muted footer">
        Data: Fashion-MNIST © 2017 Zalando SE, MIT licence. Everything runs in this browser tab; nothing is uploaded.
      </footer>
    </>
  );
}
