import { useId, useState } from 'react';
import { describeSetup } from '../../ml/config/describeSetup';
import { serializeUrlState } from '../../address/urlState';
import { useAppSelector } from '../../state/hooks';
import { enterClass } from './classSession';
import { rememberInstructorKey } from './classLink';
import { KEY_BYTES, randomToken, roomIdForKey } from './roomKeys';
import { FORMAT_VERSION, type Assignment } from './schema';
import { formatValues, parseValues, SETTINGS, VARIED_SETTINGS, type VariedSetting } from './variedSetting';

const QUESTIONS: Record<VariedSetting, string> = {
  dropout: 'What does the dropout rate do to test accuracy?',
  learningRate: 'Which learning rate learns best in one run?',
  optimizer: 'Does the optimizer matter?',
  batchNorm: 'Does batch normalisation help?',
  trainSize: 'How much does more training data help?',
};

/** The instructor's form: what the class varies, the values, how they are handed out. */
export function OpenClassForm({ onOpened }: { onOpened: () => void }) {
  const config = useAppSelector((s) => s.config);
  const spec = useAppSelector((s) => s.modelSpec);
  const [setting, setSetting] = useState<VariedSetting>('dropout');
  const [valuesText, setValuesText] = useState(formatValues('dropout', SETTINGS.dropout.defaults));
  const [mode, setMode] = useState<Assignment['mode']>('roundRobin');
  const [question, setQuestion] = useState(QUESTIONS.dropout);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const base = describeSetup(config, spec).filter((row) => row.label !== 'Backend');

  const chooseSetting = (next: VariedSetting) => {
    setSetting(next);
    setValuesText(formatValues(next, SETTINGS[next].defaults));
    setQuestion(QUESTIONS[next]);
    setProblems([]);
  };

  const open = async () => {
    const parsed = parseValues(setting, valuesText);
    if ('problems' in parsed) {
      setProblems(parsed.problems);
      return;
    }
    setBusy(true);
    const key = randomToken(KEY_BYTES);
    const room = await roomIdForKey(key);
    rememberInstructorKey(room, key);
    const assignment: Assignment = {
      v: FORMAT_VERSION,
      setting,
      values: parsed.values,
      mode,
      base: serializeUrlState({ ...config, backend: 'auto', autostart: false }, spec),
      question: question.trim().slice(0, 200),
      openedAt: Date.now(),
    };
    const session = await enterClass({ room, key }).session;
    session.writeAssignment(assignment);
    onOpened();
  };

  return (
    <section className="panel class-open" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Open a class experiment</h2>
      <p>
        Every student trains the setup below with one setting changed; their runs appear here live. Students need the class relay:
        start it with <code>npm run classroom</code> and open this page from the address it prints.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void open();
        }}
      >
        <label className="class-field">
          <span>The class varies</span>
          <select value={setting} onChange={(e) => chooseSetting(e.target.value as VariedSetting)}>
            {VARIED_SETTINGS.map((s) => (
              <option key={s} value={s}>
                {SETTINGS[s].label}
              </option>
            ))}
          </select>
        </label>
        <label className="class-field">
          <span>Values to try (comma-separated)</span>
          <input value={valuesText} onChange={(e) => setValuesText(e.target.value)} aria-invalid={problems.length > 0} aria-describedby={`${id}-problems`} />
        </label>
        <fieldset className="class-field">
          <legend>Who trains which value</legend>
          <label>
            <input type="radio" name={`${id}-mode`} checked={mode === 'roundRobin'} onChange={() => setMode('roundRobin')} /> Round-robin, in the order students join
          </label>
          <label>
            <input type="radio" name={`${id}-mode`} checked={mode === 'choice'} onChange={() => setMode('choice')} /> Each student chooses
          </label>
        </fieldset>
        <label className="class-field">
          <span>Question on the screen</span>
          <input value={question} maxLength={200} onChange={(e) => setQuestion(e.target.value)} />
        </label>
        <div id={`${id}-problems`} role="alert">
          {problems.length > 0 && (
            <ul className="error">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
        <details className="class-base">
          <summary>Setup every student starts from (this page's settings)</summary>
          <dl>
            {base.map((row) => (
              <div key={row.label}>
                <dt>{row.label}</dt>
                <dd>{row.value}</dd>
              </div>
            ))}
          </dl>
        </details>
        <button type="submit" className="primary" disabled={busy}>
          Open the class
        </button>
      </form>
    </section>
  );
}
