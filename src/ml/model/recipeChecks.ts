/** The recipe's numbers (learning rate, L2, augmentation) checked against their limits, with a message for the student. */
import { z } from '../zod';
import { RECIPE_LIMITS, WEIGHT_AVERAGE_MIN_DECAY } from './spec';

export type RecipeNumber = keyof typeof RECIPE_LIMITS;

const recipeSchemas: Record<RecipeNumber, z.ZodNumber> = {
  learningRate: z.number().min(RECIPE_LIMITS.learningRate.min).max(RECIPE_LIMITS.learningRate.max),
  l2: z.number().min(RECIPE_LIMITS.l2.min).max(RECIPE_LIMITS.l2.max),
  shift: z.number().int().min(RECIPE_LIMITS.shift.min).max(RECIPE_LIMITS.shift.max),
  erase: z.number().min(RECIPE_LIMITS.erase.min).max(RECIPE_LIMITS.erase.max),
  labelSmoothing: z.number().min(RECIPE_LIMITS.labelSmoothing.min).max(RECIPE_LIMITS.labelSmoothing.max),
  // 0 (off) or a decay from 0.9 up: a lower one would average only the last few steps.
  weightAverage: z
    .number()
    .min(RECIPE_LIMITS.weightAverage.min)
    .max(RECIPE_LIMITS.weightAverage.max)
    .refine((d) => d === 0 || d >= WEIGHT_AVERAGE_MIN_DECAY),
};

/** Why a recipe number is not acceptable, or null if it is. */
export function checkRecipeNumber(key: RecipeNumber, value: number): string | null {
  const { min, max, label } = RECIPE_LIMITS[key];
  if (!Number.isFinite(value)) return `${label} must be a number.`;
  if (recipeSchemas[key].safeParse(value).success) return null;
  if (key === 'shift' && !Number.isInteger(value)) return `${label} must be a whole number.`;
  if (key === 'weightAverage') return `${label} must be 0 (off) or between ${WEIGHT_AVERAGE_MIN_DECAY} and ${max}.`;
  return `${label} must be between ${min} and ${max}.`;
}
