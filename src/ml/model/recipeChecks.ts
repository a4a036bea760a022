/** The recipe's numbers (learning rate, L2, augmentation) checked against their limits, with a message for the student. */
import { z } from '../zod';
import { RECIPE_LIMITS } from './spec';

export type RecipeNumber = keyof typeof RECIPE_LIMITS;

const recipeSchemas: Record<RecipeNumber, z.ZodNumber> = {
  learningRate: z.number().min(RECIPE_LIMITS.learningRate.min).max(RECIPE_LIMITS.learningRate.max),
  l2: z.number().min(RECIPE_LIMITS.l2.min).max(RECIPE_LIMITS.l2.max),
  shift: z.number().int().min(RECIPE_LIMITS.shift.min).max(RECIPE_LIMITS.shift.max),
  erase: z.number().min(RECIPE_LIMITS.erase.min).max(RECIPE_LIMITS.erase.max),
};

/** Why a recipe number is not acceptable, or null if it is. */
export function checkRecipeNumber(key: RecipeNumber, value: number): string | null {
  const { min, max, label } = RECIPE_LIMITS[key];
  if (!Number.isFinite(value)) return `${label} must be a number.`;
  if (recipeSchemas[key].safeParse(value).success) return null;
  if (key === 'shift' && !Number.isInteger(value)) return `${label} must be a whole number.`;
  return `${label} must be between ${min} and ${max}.`;
}
