import { useState } from 'react';
import { CLASS_NAMES } from '../../ml/constants';
import type { SplitData } from '../../ml/data/dataset';
import { stepIndex } from './imageNavigation';
import type { ExternalInput } from '../../state/types';

export type InputSource = { readonly kind: 'test'; readonly index: number } | { readonly kind: 'external' };

export interface InputPickerProps {
  readonly test: SplitData | null;
  /** Test images loaded so far. */
  readonly available: number;
  readonly source: InputSource;
  readonly onChange: (source: InputSource) => void;
  readonly external: ExternalInput | null;
}

/** Picks the image to look inside: a test image (by number, class, previous / next / random) or one sent from another panel. */
export function InputPicker({ test, available, source, onChange, external }: InputPickerProps) {
  const [classFilter, setClassFilter] = useState<number | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const current = source.kind === 'test' ? source.index : 0;
  const problem =
    draft === null ? null : !/^\d+$/.test(draft.trim()) || Number(draft) >= available ? `Enter a whole number from 0 to ${Math.max(0, available - 1)}.` : null;
  const go = (index: number) => {
    setDraft(null);
    onChange({ kind: 'test', index });
  };
  const random = () => {
    if (!test) return;
    const start = Math.floor(Math.random() * available);
    go(classFilter === null || test.labels[start] === classFilter ? start : stepIndex(test.labels, available, start, 1, classFilter));
  };
  const disabled = !test || available === 0;
  return (
    <fieldset className="input-picker">
      <legend>Image to look inside</legend>
      <div className="controls-row">
        <label>
          <input type="radio" name="internals-source" checked={source.kind === 'test'} onChange={() => go(current)} disabled={disabled} /> A test image
        </label>
        <label>
          <input type="radio" name="internals-source" checked={source.kind === 'external'} onChange={() => onChange({ kind: 'external' })} disabled={!external} />{' '}
          {external ? external.label : 'Your drawing (send one from the classify panel)'}
        </label>
      </div>
      {source.kind === 'test' && (
        <div className="controls-row">
          <label className="field field--inline">
            <span>Test image number</span>
            <input
              type="text"
              inputMode="numeric"
              value={draft ?? String(current)}
              aria-invalid={problem !== null}
              aria-describedby={problem ? 'internals-index-problem' : undefined}
              disabled={disabled}
              onChange={(e) => setDraft(e.target.value)}
              onBlur={() => draft !== null && !problem && go(Number(draft))}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && draft !== null && !problem) go(Number(draft));
              }}
            />
          </label>
          <label>
            Of class{' '}
            <select value={classFilter ?? 'any'} onChange={(e) => setClassFilter(e.target.value === 'any' ? null : Number(e.target.value))} disabled={disabled}>
              <option value="any">Any class</option>
              {CLASS_NAMES.map((name, i) => (
                <option key={name} value={i}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={disabled} onClick={() => test && go(stepIndex(test.labels, available, current, -1, classFilter))}>
            Previous
          </button>
          <button type="button" disabled={disabled} onClick={() => test && go(stepIndex(test.labels, available, current, 1, classFilter))}>
            Next
          </button>
          <button type="button" disabled={disabled} onClick={random}>
            Random
          </button>
        </div>
      )}
      {problem && (
        <p className="field__error" id="internals-index-problem" role="alert">
          {problem}
        </p>
      )}
      {disabled && source.kind === 'test' && <p className="muted">The test images are still loading.</p>}
    </fieldset>
  );
}
