import { useSyncExternalStore } from 'react';
import { useAppSelector, useAppStore } from '../../state/hooks';
import type { ClassStudent } from './aggregate';
import type { ClassSession } from './classSession';
import { loadSharedModel, shareModel, Transfer, type TransferState } from './modelShare';
import { formatBytes, MAX_SHARED_MODEL_BYTES, type SharedMeta } from './sharedModel';
import type { SettingInfo } from './variedSetting';

/** This page's share (it outlives the view: switching views does not forget "shared"). */
const myShare = new Transfer();
/** The instructor's loads, one per student. */
const loads = new Map<string, Transfer>();
const loadOf = (id: string) => loads.get(id) ?? loads.set(id, new Transfer()).get(id)!;

function useTransfer(transfer: Transfer): TransferState {
  return useSyncExternalStore(transfer.subscribe, () => transfer.state);
}

function TransferLine({ state, idle, testId }: { state: TransferState; idle: string; testId: string }) {
  const text = state.phase === 'idle' ? idle : state.phase === 'failed' ? `Failed: ${state.reason}.` : state.detail;
  return (
    <p role="status" className={`class-transfer class-transfer--${state.phase}`} data-testid={testId}>
      {text}
    </p>
  );
}

/** The student's "Share my model": the trained model goes to the class only when pressed. */
export function ShareMyModel({ session, name, shared }: { session: ClassSession; name: string; shared: SharedMeta | null }) {
  const store = useAppStore();
  const state = useTransfer(myShare);
  const model = useAppSelector((s) => s.model);
  const status = useAppSelector((s) => s.training.status);
  const training = status === 'training' || status === 'paused' || status === 'validating' || status === 'evaluating';
  const trained = model.ready && model.source === 'trained' && model.batchesTrained > 0;
  const idle = shared
    ? `The class has a model of yours: ${shared.name}, ${formatBytes(shared.bytes)}, shared at ${new Date(shared.sharedAt).toLocaleTimeString()}.`
    : trained
      ? 'Nothing shared yet.'
      : 'Train a run first: this sends the model it trains.';
  return (
    <section className="panel" aria-labelledby="class-share-title">
      <h2 id="class-share-title">Share my model</h2>
      <p>
        Sends your trained model (its weights, up to {formatBytes(MAX_SHARED_MODEL_BYTES)}) to your instructor, who can then try it in front of the class. Only when you press the button; press it
        again after a new run to send the new one.
      </p>
      <button type="button" disabled={!trained || training || state.phase === 'working' || session.refusal !== null} onClick={() => void shareModel(store, session, myShare, `${name.trim() || 'A student'}: ${model.name}`)}>
        {shared ? 'Share my model again' : 'Share my model'}
      </button>
      <TransferLine state={state} idle={idle} testId="class-share-status" />
    </section>
  );
}

function LoadRow({ session, student, meta, info }: { session: ClassSession; student: ClassStudent; meta: SharedMeta; info: SettingInfo }) {
  const store = useAppStore();
  const transfer = loadOf(student.id);
  const state = useTransfer(transfer);
  const run = student.entry?.run;
  return (
    <tr>
      <th scope="row">{student.name}</th>
      <td>{run ? info.format(run.value) : '–'}</td>
      <td>{run?.test ? `${(run.test.accuracy * 100).toFixed(1)}%` : '–'}</td>
      <td>
        {formatBytes(meta.bytes)}, {new Date(meta.sharedAt).toLocaleTimeString()}
      </td>
      <td>
        <button type="button" disabled={state.phase === 'working'} onClick={() => void loadSharedModel(store, session, transfer, { id: student.id, name: student.name })}>
          Load {student.name}'s model
        </button>
        <TransferLine state={state} idle="" testId={`class-load-${student.id}`} />
        {state.phase === 'done' && (
          <span className="class-load-next">
            <button type="button" onClick={() => store.setView('classify')}>
              Classify a drawing with it
            </button>{' '}
            <button type="button" onClick={() => store.setView('evaluate')}>
              Evaluate it
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

/** The instructor's list of shared models, each loadable into this page as the active model. */
export function SharedModels({ session, students, shared, info }: { session: ClassSession; students: readonly ClassStudent[]; shared: ReadonlyMap<string, SharedMeta>; info: SettingInfo }) {
  const rows = students.flatMap((s) => {
    const meta = shared.get(s.id);
    return meta ? [{ student: s, meta }] : [];
  });
  return (
    <section className="panel" aria-labelledby="class-shared-title">
      <h2 id="class-shared-title">Shared models</h2>
      {rows.length === 0 ? (
        <p className="muted">No student has shared a model yet ("Share my model" on their page).</p>
      ) : (
        <table className="class-table" aria-label="Shared models">
          <thead>
            <tr>
              <th scope="col">Student</th>
              <th scope="col">{info.label}</th>
              <th scope="col">Test accuracy</th>
              <th scope="col">Shared</th>
              <th scope="col">On this page</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ student, meta }) => (
              <LoadRow key={student.id} session={session} student={student} meta={meta} info={info} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
