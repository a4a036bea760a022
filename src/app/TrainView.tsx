import { TrainingCharts } from '../components/TrainingCharts';
import { TrainingStatus } from '../components/TrainingStatus';
import { TrainingSetup } from '../features/modelLab/TrainingSetup';

/** The lesson: the live curves first (on the first screen), the latest numbers and the settings beside them. */
export function TrainView() {
  return (
    <div className="train-view">
      <section className="panel train-view__curves" aria-labelledby="curves-heading">
        <h2 id="curves-heading" className="visually-hidden">
          Live curves
        </h2>
        <TrainingCharts />
      </section>
      <div className="train-view__side">
        <section className="panel" aria-labelledby="numbers-heading">
          <h2 id="numbers-heading">Latest numbers</h2>
          <TrainingStatus />
        </section>
        {/* Instructor mode takes its settings from the address: no empty box there. */}
        <section className="panel train-view__settings" aria-labelledby="settings-heading">
          <h2 id="settings-heading">Settings</h2>
          <TrainingSetup />
        </section>
      </div>
    </div>
  );
}
