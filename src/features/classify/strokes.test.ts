import { describe, expect, it } from 'vitest';
import { addStroke, clearDrawing, EMPTY_DRAWING, hasInk, INK_COLOUR, MAX_UNDO, paintDrawing, paintStroke, PAPER_COLOUR, undo, type Stroke } from './strokes';

const pen = (...xs: number[]): Stroke => ({ tool: 'pen', size: 10, points: xs.map((x) => ({ x, y: x })) });
const eraser = (...xs: number[]): Stroke => ({ tool: 'eraser', size: 20, points: xs.map((x) => ({ x, y: 0 })) });

describe('drawing history', () => {
  it('adds strokes and undoes them one at a time, back to blank', () => {
    const a = pen(1, 2);
    const b = pen(3);
    let h = addStroke(addStroke(EMPTY_DRAWING, a), b);
    expect(h.strokes).toEqual([a, b]);
    h = undo(h);
    expect(h.strokes).toEqual([a]);
    h = undo(h);
    expect(h.strokes).toEqual([]);
    expect(undo(h)).toBe(h);
  });

  it('ignores empty strokes', () => {
    expect(addStroke(EMPTY_DRAWING, { tool: 'pen', size: 5, points: [] })).toBe(EMPTY_DRAWING);
  });

  it('makes Clear undoable, and clearing nothing a no-op', () => {
    const h = addStroke(addStroke(EMPTY_DRAWING, pen(1)), pen(2));
    const cleared = clearDrawing(h);
    expect(cleared.strokes).toEqual([]);
    expect(undo(cleared).strokes).toEqual(h.strokes);
    expect(clearDrawing(EMPTY_DRAWING)).toBe(EMPTY_DRAWING);
  });

  it(`keeps at most ${MAX_UNDO} undo steps`, () => {
    let h = EMPTY_DRAWING;
    for (let i = 0; i < MAX_UNDO + 20; i++) h = addStroke(h, pen(i));
    expect(h.past).toHaveLength(MAX_UNDO);
    for (let i = 0; i < MAX_UNDO + 20; i++) h = undo(h);
    expect(h.strokes).toHaveLength(20);
  });

  it('counts only pen strokes as ink', () => {
    expect(hasInk(addStroke(EMPTY_DRAWING, eraser(1, 2)))).toBe(false);
    expect(hasInk(addStroke(EMPTY_DRAWING, pen(1)))).toBe(true);
  });
});

/** Records the drawing calls a canvas context receives. */
function recordingContext() {
  const calls: string[] = [];
  const context = {
    lineCap: 'butt' as CanvasLineCap,
    lineJoin: 'miter' as CanvasLineJoin,
    lineWidth: 1,
    strokeStyle: '' as string | CanvasGradient | CanvasPattern,
    fillStyle: '' as string | CanvasGradient | CanvasPattern,
    beginPath: () => calls.push('begin'),
    moveTo: (x: number, y: number) => calls.push(`move ${x},${y}`),
    lineTo: (x: number, y: number) => calls.push(`line ${x},${y}`),
    stroke: () => calls.push(`stroke ${context.strokeStyle} ${context.lineWidth}`),
    arc: (x: number, y: number, r: number) => calls.push(`arc ${x},${y} r${r}`),
    fill: () => calls.push(`fill ${context.fillStyle}`),
    fillRect: (x: number, y: number, w: number, h: number) => calls.push(`rect ${x},${y},${w},${h} ${context.fillStyle}`),
  };
  return { context, calls };
}

describe('painting', () => {
  it('paints a dot for the first point and joins the rest with round lines', () => {
    const { context, calls } = recordingContext();
    paintStroke(context, pen(1, 2, 3));
    expect(calls).toEqual([`begin`, `arc 1,1 r5`, `fill ${INK_COLOUR}`, 'begin', 'move 1,1', 'line 2,2', 'line 3,3', `stroke ${INK_COLOUR} 10`]);
    expect(context.lineCap).toBe('round');
  });

  it('continues a stroke in progress from its last painted point', () => {
    const { context, calls } = recordingContext();
    paintStroke(context, pen(1, 2, 3, 4), 3);
    expect(calls).toEqual(['begin', 'move 3,3', 'line 4,4', `stroke ${INK_COLOUR} 10`]);
  });

  it('erases with the paper colour and repaints everything on blank paper', () => {
    const { context, calls } = recordingContext();
    paintDrawing(context, [pen(1), eraser(5, 6)], 280, 280);
    expect(calls[0]).toBe(`rect 0,0,280,280 ${PAPER_COLOUR}`);
    expect(calls).toContain(`stroke ${PAPER_COLOUR} 20`);
    expect(calls.filter((c) => c.startsWith('arc'))).toHaveLength(2);
  });
});
