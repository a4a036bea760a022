import { useState } from 'react';
import { TrainingCharts } from '../../components/TrainingCharts';
import { useAppSelector, useAppStore } from '../../state/hooks';
import { assignedValue } from './aggregate';
import { studentSyncFor } from './ClassHost';
import type { ClassSession } from './classSession';
import { ShareMyModel } from './ShareModel';
import { StatusLine } from './StatusLine';
import { useClassSnapshot, useSessionRevision } from './useClass';
import { MAX_NAME_LENGTH } from './schema';
import { SETTINGS, type SettingValue, type VariedSetting } from './variedSetting';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A student's class view: the question, their value, their name, and what the class has received. */
export function StudentPanel({ session }: { session: ClassSession }) {
  const store = useAppStore();
  useSessionRevision(session);
  const snapshot = useClassSnapshot(session);
  const sync = studentSyncFor(session, store);
  const status = useAppSelector((s) => s.training.status);
  const me = snapshot.students.find((s) => s.id === session.studentId) ?? null;
  const [name, setName] = useState(me?.entry?.name ?? '');
  const { assignment } = snapshot;
  if (!assignment) {
    return (
      <section className="panel">
        <h2>Class</h2>
        <StatusLine session={session} />
        {!session.refusal && <p>Waiting for the class settings…</p>}
      </section>
    );
  }
  const info = SETTINGS[assignment.setting as VariedSetting];
  const value = assignedValue(assignment.mode, assignment.values, me?.roster?.slot ?? null, me?.entry?.choice ?? null);
  const run = me?.entry?.run ?? null;
  return (
    <div className="class-student">
      <section className="panel" aria-labelledby="class-student-title">
        <h2 id="class-student-title">{assignment.question || 'Class experiment'}</h2>
        <StatusLine session={session} />
        {snapshot.closed && <p className="warning">The class is closed: your results are no longer sent.</p>}
        {assignment.mode === 'choice' ? (
          <fieldset>
            <legend>Choose your {info.label.toLowerCase()}</legend>
            {assignment.values.map((v: SettingValue) => (
              <label key={String(v)} className="class-choice">
                <input type="radio" name="class-choice" checked={me?.entry?.choice === v} disabled={status !== 'idle' && status !== 'done' && status !== 'stopped'} onChange={() => sync.setChoice(v)} /> {info.format(v)}
              </label>
            ))}
          </fieldset>
        ) : (
          <p className="class-assigned" data-testid="class-assigned">
            Your {info.label.toLowerCase()}: <strong>{value === null ? 'being assigned…' : info.format(value)}</strong>
          </p>
        )}
        <p>Your settings are set for you. Press <strong>Train</strong> (at the top, or T): your curves and result go to the class as you train.</p>
        <label className="class-field">
          <span>Your name on the class screen (optional)</span>
          <input
            value={name}
            maxLength={MAX_NAME_LENGTH}
            onChange={(e) => {
              setName(e.target.value);
              sync.setName(e.target.value);
            }}
          />
        </label>
      </section>
      <section className="panel" aria-labelledby="class-sent-title">
        <h2 id="class-sent-title">What the class has from you</h2>
        {run ? (
          <p data-testid="class-sent">
            {info.label} {info.format(run.value)}: {run.epochs.length} of {run.settings.epochs} epochs
            {run.test ? `, test accuracy ${pct(run.test.accuracy)}` : `, ${run.batches.length} curve points so far`} ; trained on {run.backend}.
          </p>
        ) : (
          <p className="muted">Nothing yet: train a run.</p>
        )}
        <p className="muted">Sent: your settings, loss and accuracy per epoch, a thinned loss curve, your test accuracy and confusion matrix, your backend and speed. Never your images or drawings, and your model only if you share it below.</p>
      </section>
      <ShareMyModel session={session} name={name} shared={session.studentId ? (snapshot.shared.get(session.studentId) ?? null) : null} />
      <TrainingCharts />
    </div>
  );
}
