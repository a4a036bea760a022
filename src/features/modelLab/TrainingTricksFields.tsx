import type { ModelSpec } from '../../ml/model/spec';
import { RecipeNumberField } from './RecipeNumberField';

/** The fast-training tricks of the recipe, each with the one line that says what it does. */
export function TrainingTricksFields({
  spec,
  busy,
  setSpec,
  reporter,
}: {
  spec: ModelSpec;
  busy: boolean;
  setSpec: (patch: Partial<ModelSpec>) => void;
  reporter: (key: string) => (problem: string | null) => void;
}) {
  return (
    <fieldset className="setting-group">
      <legend>Fast-training tricks</legend>
      <div className="fields">
        <RecipeNumberField
          name="labelSmoothing"
          value={spec.labelSmoothing}
          step={0.05}
          hint="Trains towards 90% sure (at 0.1) instead of 100%: less over-confident, often more accurate; 0 = off."
          disabled={busy}
          onCommit={(labelSmoothing) => setSpec({ labelSmoothing })}
          reporter={reporter}
        />
        <RecipeNumberField
          name="weightAverage"
          value={spec.weightAverage}
          step={0.001}
          hint="Evaluates and predicts with a running average of the weights (e.g. 0.99), smoothing out the last steps' noise; 0 = off."
          disabled={busy}
          onCommit={(weightAverage) => setSpec({ weightAverage })}
          reporter={reporter}
        />
        <label className="checkbox" title="Each test image is also shown mirrored and the two answers are averaged: twice the evaluation time.">
          <input type="checkbox" checked={spec.flipTta} disabled={busy} onChange={(e) => setSpec({ flipTta: e.target.checked })} aria-describedby="flip-tta-hint" />
          Flip test-time augmentation
        </label>
        <span id="flip-tta-hint" className="field__hint">
          Test accuracy averages each image&apos;s and its mirror&apos;s answers (twice the evaluation time).
        </span>
      </div>
    </fieldset>
  );
}
