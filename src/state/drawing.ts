/**
 * The classify view's drawing as data (strokes and their undo history), kept in the store so
 * that a drawing survives switching views. How strokes are painted lives with the view
 * (features/classify/strokes.ts).
 */

/** Canvas pixel coordinates (not CSS pixels). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export type Tool = 'pen' | 'eraser';

export interface Stroke {
  readonly tool: Tool;
  /** Line width in canvas pixels. */
  readonly size: number;
  readonly points: readonly Point[];
}

export interface DrawingHistory {
  readonly strokes: readonly Stroke[];
  /** Earlier stroke lists, most recent last. */
  readonly past: readonly (readonly Stroke[])[];
}

export const EMPTY_DRAWING: DrawingHistory = { strokes: [], past: [] };
