import { useId, useState } from 'react';

/**
 * Inputs for one layer setting. Unlike the hyperparameter fields they commit every value,
 * even an impossible one, so the layer shows the problem inline and Train waits for a fix.
 */
export function LayerNumberInput(props: {
  label: string;
  value: number;
  step?: number;
  min?: number;
  disabled: boolean;
  /** Id of the message explaining what is wrong with this setting, if anything. */
  problemId: string | null;
  onChange: (value: number) => void;
}) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const [shown, setShown] = useState(props.value);
  if (!Object.is(shown, props.value)) {
    setShown(props.value);
    setText(Number.isNaN(props.value) ? '' : String(props.value));
  }
  return (
    <div className="layer-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        step={props.step}
        min={props.min}
        disabled={props.disabled}
        aria-invalid={props.problemId !== null}
        aria-describedby={props.problemId ?? undefined}
        onChange={(e) => {
          const v = e.target.value.trim() === '' ? NaN : Number(e.target.value);
          setText(e.target.value);
          setShown(v);
          props.onChange(v);
        }}
      />
    </div>
  );
}

export function LayerSelect<T extends string>(props: {
  label: string;
  value: T;
  options: readonly T[];
  labels?: Partial<Record<T, string>>;
  disabled: boolean;
  problemId: string | null;
  onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <div className="layer-field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.problemId !== null}
        aria-describedby={props.problemId ?? undefined}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.labels?.[o] ?? o}
          </option>
        ))}
      </select>
    </div>
  );
}
