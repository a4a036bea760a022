import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { throttle } from '../../ml/util/throttle';
import { addStroke, clearDrawing, hasInk, paintDrawing, paintStroke, undo, type DrawingHistory, type Point, type Stroke, type Tool } from './strokes';

/** Canvas resolution: 10 canvas pixels per output pixel, enough detail and cheap to read back. */
export const PAD_SIZE = 280;
/** While a stroke is in progress the drawing is handed on at most this often. */
const LIVE_INTERVAL_MS = 150;

interface Props {
  /** The drawing's pixels (PAD_SIZE², RGBA), or null when nothing is drawn. */
  readonly onChange: (raster: ImageData | null) => void;
  /** The strokes (kept by the caller, so a drawing outlives this component). */
  readonly history: DrawingHistory;
  readonly onHistoryChange: (history: DrawingHistory) => void;
}

/** A pen-on-paper drawing canvas for mouse, touch and pen, with brush size, eraser, undo and clear. */
export function DrawingPad({ onChange, history, onHistoryChange }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // The latest history for updates made from event handlers (several may come before a render).
  const historyRef = useRef(history);
  useEffect(() => {
    historyRef.current = history;
  }, [history]);
  const setHistory = useCallback(
    (next: (h: DrawingHistory) => DrawingHistory) => {
      const updated = next(historyRef.current);
      historyRef.current = updated;
      onHistoryChange(updated);
    },
    [onHistoryChange],
  );
  const [tool, setTool] = useState<Tool>('pen');
  const [size, setSize] = useState(22);
  // The stroke in progress lives outside React state: painting it must not wait for a render.
  const active = useRef<{ pointerId: number; stroke: { tool: Tool; size: number; points: Point[] } } | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  const context = useCallback(() => canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null, []);

  const emit = useCallback(
    (inked: boolean) => {
      const ctx = context();
      if (!ctx) return;
      onChangeRef.current(inked ? ctx.getImageData(0, 0, PAD_SIZE, PAD_SIZE) : null);
    },
    [context],
  );
  const live = useRef<ReturnType<typeof throttle> | null>(null);
  useEffect(() => {
    const pending = throttle(() => emit(true), LIVE_INTERVAL_MS);
    live.current = pending;
    return () => pending.cancel();
  }, [emit]);

  // Repaint from the stroke list whenever it changes (stroke finished, undo, clear).
  useEffect(() => {
    const ctx = context();
    if (!ctx) return;
    paintDrawing(ctx, history.strokes, PAD_SIZE, PAD_SIZE);
    live.current?.cancel();
    emit(hasInk(history));
  }, [history, context, emit]);

  const toCanvas = (event: { clientX: number; clientY: number }): Point => {
    const rect = canvas.current!.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) * PAD_SIZE) / rect.width, y: ((event.clientY - rect.top) * PAD_SIZE) / rect.height };
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (active.current || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    try {
      // Keeps the stroke going when the pointer leaves the canvas mid-stroke.
      event.currentTarget.setPointerCapture(event.pointerId);
    } catch {
      // The pointer is already gone (e.g. a lifted pen): the stroke still works without capture.
    }
    event.currentTarget.focus({ preventScroll: true });
    const stroke = { tool, size, points: [toCanvas(event)] };
    active.current = { pointerId: event.pointerId, stroke };
    const ctx = context();
    if (ctx) paintStroke(ctx, stroke);
    live.current?.request();
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const current = active.current;
    if (!current || current.pointerId !== event.pointerId) return;
    // Coalesced events keep fast strokes smooth (browsers batch pointer moves per frame).
    const events = event.nativeEvent.getCoalescedEvents?.() ?? [];
    const from = current.stroke.points.length;
    for (const e of events.length ? events : [event]) current.stroke.points.push(toCanvas(e));
    const ctx = context();
    if (ctx) paintStroke(ctx, current.stroke, from);
    live.current?.request();
  };

  const finish = (event: PointerEvent<HTMLCanvasElement>) => {
    const current = active.current;
    if (!current || current.pointerId !== event.pointerId) return;
    active.current = null;
    const stroke: Stroke = { ...current.stroke, points: [...current.stroke.points] };
    setHistory((h) => addStroke(h, stroke));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      setHistory(undo);
    }
  };

  return (
    <div className="drawing-pad">
      <canvas
        ref={canvas}
        width={PAD_SIZE}
        height={PAD_SIZE}
        className="drawing-pad__canvas"
        data-testid="drawing-canvas"
        tabIndex={0}
        role="img"
        aria-label="Drawing area: draw a clothing item in dark ink with the mouse, a finger or a pen"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={finish}
        onPointerCancel={finish}
        onLostPointerCapture={finish}
        onKeyDown={onKeyDown}
      />
      <div className="drawing-pad__tools">
        <fieldset className="drawing-pad__tool">
          <legend className="visually-hidden">Tool</legend>
          {(['pen', 'eraser'] as const).map((t) => (
            <label key={t}>
              <input type="radio" name="drawing-tool" value={t} checked={tool === t} onChange={() => setTool(t)} /> {t === 'pen' ? 'Pen' : 'Eraser'}
            </label>
          ))}
        </fieldset>
        <label className="drawing-pad__size">
          Brush size
          <input type="range" min={4} max={48} step={2} value={size} onChange={(e) => setSize(Number(e.target.value))} />
          <output>{size} px</output>
        </label>
        <div className="controls-row">
          <button type="button" onClick={() => setHistory(undo)} disabled={history.past.length === 0} title="Undo the last stroke (Ctrl+Z)">
            Undo
          </button>
          <button type="button" onClick={() => setHistory(clearDrawing)} disabled={history.strokes.length === 0}>
            Clear
          </button>
        </div>
      </div>
    </div>
  );
}
