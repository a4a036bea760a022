import { useState } from 'react';
import './classroom.css';
import { currentClass } from './classSession';
import { InstructorBoard } from './InstructorBoard';
import { OpenClassForm } from './OpenClassForm';
import { StudentPanel } from './StudentPanel';
import { useResolved } from './useClass';

/** The Class view: open a class (no class in the address), the instructor's board, or a student's panel. */
export function ClassView() {
  const [, setOpened] = useState(0);
  const joined = currentClass();
  const session = useResolved(joined?.session ?? null);
  if (!joined) return <OpenClassForm onOpened={() => setOpened((n) => n + 1)} />;
  if (!session) return <p className="muted">Connecting to the class…</p>;
  return session.isInstructor ? <InstructorBoard session={session} /> : <StudentPanel session={session} />;
}
