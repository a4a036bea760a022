import type { Lesson } from './lessonModel';
import { lessonProgress } from './lessonProgress';
import { useLessonProgress } from './useLessonProgress';

/** "What do you expect?": one answer, picked before running and kept in this browser. */
export function ExpectationPicker({ lesson, locked }: { lesson: Lesson; locked: boolean }) {
  const progress = useLessonProgress();
  const chosen = progress.expectations[lesson.id] ?? null;
  const pick = (id: string) => lessonProgress.update((p) => ({ ...p, expectations: { ...p.expectations, [lesson.id]: id } }));
  return (
    <fieldset className="lesson__expect">
      <legend>What do you expect?</legend>
      <p>{lesson.expectPrompt}</p>
      {lesson.choices.map((choice) => (
        <label key={choice.id} className="lesson__choice">
          <input type="radio" name={`expect-${lesson.id}`} value={choice.id} checked={chosen === choice.id} disabled={locked} onChange={() => pick(choice.id)} />
          {choice.label}
        </label>
      ))}
      {locked && <p className="muted">Your answer is kept beside the result.</p>}
    </fieldset>
  );
}

/** The student's answer beside what the measurements support. */
export function ExpectationVerdict({ lesson, supports }: { lesson: Lesson; supports: string | null }) {
  const progress = useLessonProgress();
  const chosen = progress.expectations[lesson.id];
  const label = (id: string | null | undefined) => lesson.choices.find((c) => c.id === id)?.label ?? null;
  return (
    <div className="lesson__verdict">
      <p>
        <strong>You expected:</strong> {label(chosen) ?? 'no answer picked'}
      </p>
      <p>
        <strong>This run supports:</strong> {label(supports) ?? 'no single answer'}
        {chosen && supports ? (chosen === supports ? ' — as you expected.' : ' — not what you expected.') : ''}
      </p>
    </div>
  );
}
