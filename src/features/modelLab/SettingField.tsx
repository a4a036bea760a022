import { useEffect, useId, useState } from 'react';

/**
 * A labelled number input for one hyperparameter. It keeps what the user types, commits
 * only valid values (on each keystroke, or on Enter / leaving the field with
 * `commitOnEnter`), explains an invalid one next to it and reports it, so Train can wait.
 */
export function SettingField(props: {
  label: string;
  value: number;
  step?: number;
  min?: number;
  max?: number;
  disabled?: boolean;
  hint?: string;
  /** Commit on Enter or blur only: used for the live learning rate, so typing "0.15" is not also "0.1". */
  commitOnEnter?: boolean;
  validate: (value: number) => string | null;
  onCommit: (value: number) => void;
  onValidity?: (problem: string | null) => void;
}) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    // The value changed from outside (a preset, the URL): show it.
    setShown(props.value);
    setText(String(props.value));
  }
  const parse = (raw: string) => (raw.trim() === '' ? NaN : Number(raw));
  const problem = props.validate(parse(text));
  const { onValidity } = props;
  useEffect(() => {
    onValidity?.(problem);
  }, [problem, onValidity]);
  useEffect(() => () => onValidity?.(null), [onValidity]);

  const commit = (raw: string) => {
    const v = parse(raw);
    if (props.validate(v) === null && v !== props.value) {
      setShown(v);
      props.onCommit(v);
    }
  };
  const pending = props.commitOnEnter && problem === null && parse(text) !== props.value;
  const describedBy = [problem ? `${id}-error` : null, props.hint || pending ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        step={props.step}
        min={props.min}
        max={props.max}
        disabled={props.disabled}
        aria-invalid={problem !== null}
        aria-describedby={describedBy}
        onChange={(e) => {
          setText(e.target.value);
          if (!props.commitOnEnter) commit(e.target.value);
        }}
        onKeyDown={(e) => {
          if (props.commitOnEnter && e.key === 'Enter') commit(text);
        }}
        onBlur={() => {
          if (props.commitOnEnter) commit(text);
        }}
      />
      {problem && (
        <span id={`${id}-error`} className="field__error">
          {problem}
        </span>
      )}
      {(props.hint || pending) && (
        <span id={`${id}-hint`} className="field__hint">
          {pending ? 'Press Enter to apply.' : props.hint}
        </span>
      )}
    </div>
  );
}
