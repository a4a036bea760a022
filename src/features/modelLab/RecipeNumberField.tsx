import { checkRecipeNumber, type RecipeNumber } from '../../ml/model/recipeChecks';
import { RECIPE_LIMITS } from '../../ml/model/spec';
import { SettingField } from './SettingField';

/**
 * One of the recipe's numbers (learning rate, L2, augmentation, the fast-training tricks) as a
 * field: its label and check come from the recipe's one table of limits, its problems go to
 * the reporter under its own name so Train waits while it is invalid.
 */
export function RecipeNumberField({
  name,
  value,
  step,
  hint,
  disabled,
  commitOnEnter,
  onCommit,
  reporter,
}: {
  name: RecipeNumber;
  value: number;
  step: number;
  hint?: string;
  disabled?: boolean;
  commitOnEnter?: boolean;
  onCommit: (value: number) => void;
  reporter: (key: string) => (problem: string | null) => void;
}) {
  return (
    <SettingField
      label={RECIPE_LIMITS[name].label}
      value={value}
      step={step}
      min={0}
      hint={hint}
      disabled={disabled}
      commitOnEnter={commitOnEnter}
      validate={(v) => checkRecipeNumber(name, v)}
      onCommit={onCommit}
      onValidity={reporter(name)}
    />
  );
}
