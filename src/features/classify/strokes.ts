/**
 * The drawing as data: a list of strokes with an undo history, and how strokes are
 * painted. Keeping strokes (not pixels) makes undo exact and cheap: the canvas is
 * repainted from the list.
 */

import type { DrawingHistory, Stroke } from '../../state/drawing';

export { EMPTY_DRAWING, type DrawingHistory, type Point, type Stroke, type Tool } from '../../state/drawing';

/** Undo steps kept; older ones are dropped. */
export const MAX_UNDO = 100;
/** Pen on paper: the preprocessing detects the light background and inverts it like the dataset. */
export const PAPER_COLOUR = '#ffffff';
export const INK_COLOUR = '#1b1f24';

function remember(history: DrawingHistory): readonly (readonly Stroke[])[] {
  const past = [...history.past, history.strokes];
  return past.length > MAX_UNDO ? past.slice(past.length - MAX_UNDO) : past;
}

export function addStroke(history: DrawingHistory, stroke: Stroke): DrawingHistory {
  if (stroke.points.length === 0) return history;
  return { strokes: [...history.strokes, stroke], past: remember(history) };
}

/** Clearing is a step that can be undone; clearing an empty drawing changes nothing. */
export function clearDrawing(history: DrawingHistory): DrawingHistory {
  if (history.strokes.length === 0) return history;
  return { strokes: [], past: remember(history) };
}

export function undo(history: DrawingHistory): DrawingHistory {
  if (history.past.length === 0) return history;
  return { strokes: history.past[history.past.length - 1], past: history.past.slice(0, -1) };
}

/** True when something would be visible: any pen stroke (erasers on blank paper draw nothing). */
export function hasInk(history: DrawingHistory): boolean {
  return history.strokes.some((s) => s.tool === 'pen');
}

type Context2D = Pick<
  CanvasRenderingContext2D,
  'beginPath' | 'moveTo' | 'lineTo' | 'stroke' | 'arc' | 'fill' | 'fillRect' | 'lineCap' | 'lineJoin' | 'lineWidth' | 'strokeStyle' | 'fillStyle'
>;

/**
 * Paints the part of `stroke` from point `from` on (so a stroke in progress is painted
 * segment by segment as points arrive). A single point is painted as a dot.
 */
export function paintStroke(context: Context2D, stroke: Stroke, from = 0): void {
  const colour = stroke.tool === 'pen' ? INK_COLOUR : PAPER_COLOUR;
  const { points } = stroke;
  if (points.length === 0) return;
  if (from === 0) {
    context.fillStyle = colour;
    context.beginPath();
    context.arc(points[0].x, points[0].y, stroke.size / 2, 0, Math.PI * 2);
    context.fill();
  }
  if (points.length < 2) return;
  context.strokeStyle = colour;
  context.lineWidth = stroke.size;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.beginPath();
  const start = Math.max(0, from - 1);
  context.moveTo(points[start].x, points[start].y);
  for (let i = start + 1; i < points.length; i++) context.lineTo(points[i].x, points[i].y);
  context.stroke();
}

/** Blank paper, then every stroke in order. */
export function paintDrawing(context: Context2D, strokes: readonly Stroke[], width: number, height: number): void {
  context.fillStyle = PAPER_COLOUR;
  context.fillRect(0, 0, width, height);
  for (const stroke of strokes) paintStroke(context, stroke);
}
