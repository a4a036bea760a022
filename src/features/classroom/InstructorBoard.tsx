import { memo, useMemo } from 'react';
import { leaderboard, valueStats } from './aggregate';
import { ClassCharts } from './ClassCharts';
import type { ClassSession } from './classSession';
import { JoinPanel } from './JoinPanel';
import { SharedModels } from './ShareModel';
import { StatusLine } from './StatusLine';
import { useClassSnapshot } from './useClass';
import { SETTINGS, type VariedSetting } from './variedSetting';
import type { ClassStudent } from './aggregate';

const pct = (x: number | null, digits = 1) => (x === null ? '–' : `${(x * 100).toFixed(digits)}%`);

function runState(student: ClassStudent): string {
  const run = student.entry?.run;
  if (!run) return student.roster?.online ? 'joined' : 'offline';
  if (run.test) return `done: ${pct(run.test.accuracy)}`;
  if (run.status === 'stopped' || run.status === 'error') return run.status;
  const { epoch, batch, batchesInEpoch } = run.progress;
  return `training: epoch ${epoch + 1}/${run.settings.epochs}${batchesInEpoch ? `, batch ${batch}/${batchesInEpoch}` : ''}`;
}

/** One student in the roster: re-rendered only when what it shows changes (the board refreshes twice a second). */
const RosterRow = memo(function RosterRow({ id, name, online, value, state }: { id: string; name: string; online: boolean; value: string | null; state: string }) {
  return (
    <li data-student={id}>
      <span className={`class-dot ${online ? 'class-dot--on' : ''}`} aria-hidden="true" />
      <strong>{name}</strong>
      {value !== null && <span className="class-value"> ({value})</span>}
      <span className="muted"> · {state}</span>
      <span className="visually-hidden">{online ? ' (online)' : ' (offline)'}</span>
    </li>
  );
});

/** The projector's class view: who joined, every run live, the leaderboard and the answer per value. */
export function InstructorBoard({ session }: { session: ClassSession }) {
  const snapshot = useClassSnapshot(session);
  const { assignment, students } = snapshot;
  const stats = useMemo(() => (assignment ? valueStats(assignment.values, students) : []), [assignment, students]);
  const board = useMemo(() => leaderboard(students), [students]);
  if (!assignment) {
    return (
      <section className="panel">
        <h2>Class</h2>
        <StatusLine session={session} />
        <p>{snapshot.assignmentProblem ?? 'Waiting for the class settings from the relay…'}</p>
      </section>
    );
  }
  const info = SETTINGS[assignment.setting as VariedSetting];
  const online = students.filter((s) => s.roster?.online).length;
  return (
    <div className="class-board">
      <section className="panel class-question" aria-labelledby="class-question-title">
        <h2 id="class-question-title">{assignment.question || `${info.label}: ${assignment.values.map(info.format).join(' vs ')}`}</h2>
        <p>
          The class varies <strong>{info.label.toLowerCase()}</strong>: {assignment.values.map(info.format).join(', ')} ({assignment.mode === 'roundRobin' ? 'round-robin' : "students' choice"}).{' '}
          {snapshot.closed && <strong>The class is closed.</strong>}
        </p>
        <StatusLine session={session} />
      </section>
      <JoinPanel room={session.link.room} instructorKey={session.link.key ?? ''} />
      <section className="panel class-roster" aria-labelledby="class-roster-title">
        <h2 id="class-roster-title">
          Students: {students.length} joined, {online} online
        </h2>
        {students.length === 0 ? (
          <p className="muted">Nobody has joined yet.</p>
        ) : (
          <ul aria-label="Students">
            {students.map((s) => (
              <RosterRow key={s.id} id={s.id} name={s.name} online={s.roster?.online ?? false} value={s.entry?.run ? info.format(s.entry.run.value) : null} state={runState(s)} />
            ))}
          </ul>
        )}
      </section>
      <ClassCharts setting={assignment.setting as VariedSetting} students={students} stats={stats} />
      <section className="panel" aria-labelledby="class-values-title">
        <h2 id="class-values-title">Final test accuracy per value</h2>
        <table className="class-table" aria-label="Final test accuracy per value">
          <thead>
            <tr>
              <th scope="col">{info.label}</th>
              <th scope="col">Runs done</th>
              <th scope="col">Still training</th>
              <th scope="col">Mean</th>
              <th scope="col">Spread (SD)</th>
              <th scope="col">Lowest – highest</th>
            </tr>
          </thead>
          <tbody>
            {stats.map((s) => (
              <tr key={String(s.value)}>
                <th scope="row">{info.format(s.value)}</th>
                <td>{s.count}</td>
                <td>{s.running}</td>
                <td>{pct(s.mean)}</td>
                <td>{s.sd === null ? '–' : `±${(s.sd * 100).toFixed(1)} pts`}</td>
                <td>{s.min === null ? '–' : `${pct(s.min)} – ${pct(s.max)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="class-leaderboard-title">
        <h2 id="class-leaderboard-title">Leaderboard</h2>
        {board.length === 0 ? (
          <p className="muted">The first finished run appears here.</p>
        ) : (
          <table className="class-table" aria-label="Leaderboard">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Student</th>
                <th scope="col">{info.label}</th>
                <th scope="col">Test accuracy</th>
                <th scope="col">Backend</th>
                <th scope="col">Examples/s</th>
              </tr>
            </thead>
            <tbody>
              {board.map((row, i) => (
                <tr key={row.id}>
                  <td>{i + 1}</td>
                  <th scope="row">{row.name}</th>
                  <td>{info.format(row.value)}</td>
                  <td>{pct(row.accuracy, 2)}</td>
                  <td>{row.backend}</td>
                  <td>{row.examplesPerSecond === null ? '–' : row.examplesPerSecond.toLocaleString('en')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <SharedModels session={session} students={students} shared={snapshot.shared} info={info} />
      {(snapshot.dropped.length > 0 || snapshot.notes.length > 0) && (
        <section className="panel class-notes" aria-labelledby="class-notes-title">
          <h2 id="class-notes-title">Notes</h2>
          <ul>
            {snapshot.dropped.map((d) => (
              <li key={`dropped-${d.id}`}>
                Not shown: the entry of {d.name} ({d.id.slice(0, 6)}), because {d.problem}.
              </li>
            ))}
            {snapshot.notes.slice(0, 10).map((n) => (
              <li key={`${n.at}-${n.text}`}>
                {new Date(n.at).toLocaleTimeString()}: {n.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      {!snapshot.closed && (
        <p>
          <button
            type="button"
            onClick={() => {
              if (window.confirm('Close the class? Students can no longer send results; everything sent stays here.')) session.closeClass();
            }}
          >
            Close the class
          </button>
        </p>
      )}
    </div>
  );
}
