import { useId, useState } from 'react';

/**
 * A labelled number input that keeps what the user types and commits only valid values,
 * explaining an invalid one next to the field.
 */
export function NumberField(props: {
  label: string;
  value: number;
  step?: number;
  min?: number;
  max?: number;
  disabled?: boolean;
  validate: (value: number) => string | null;
  onCommit: (value: number) => void;
}) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    // The value changed from outside (e.g. the URL): show it.
    setShown(props.value);
    setText(String(props.value));
  }
  const parsed = text.trim() === '' ? NaN : Number(text);
  const problem = props.validate(parsed);
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
        aria-describedby={problem ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const v = e.target.value.trim() === '' ? NaN : Number(e.target.value);
          if (props.validate(v) === null) {
            setShown(v);
            props.onCommit(v);
          }
        }}
      />
      {problem && (
        <span id={`${id}-error`} className="field__error">
          {problem}
        </span>
      )}
    </div>
  );
}
