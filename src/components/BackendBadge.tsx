import { useEffect, useRef, useState } from 'react';
import { useAppSelector } from '../state/hooks';
import { backendText } from './backendText';

/**
 * The backend in one word, with the explanation on demand (said once, here): which tfjs backend
 * really runs and how, why, and that training runs in a background thread. A warning sign only
 * when something is wrong. The panel closes on Escape, a click outside it and a change of view.
 */
export function BackendBadge() {
  const backend = useAppSelector((s) => s.backend);
  const view = useAppSelector((s) => s.ui.view);
  // Open in the view it was opened in: showing another view closes it.
  const [openIn, setOpenIn] = useState<string | null>(null);
  const open = openIn === view;
  const setOpen = (next: boolean) => setOpenIn(next ? view : null);
  const root = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpenIn(null);
      root.current?.querySelector('summary')?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpenIn(null);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  if (backend.status === 'starting') return <p className="backend">Starting TensorFlow.js…</p>;
  if (backend.status === 'error') return <p className="backend backend--error" role="alert">{backend.error}</p>;
  const text = backendText(backend);
  return (
    <details
      ref={root}
      className={text.warning ? 'backend backend--warning' : 'backend'}
      aria-label="Compute backend"
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <span className="visually-hidden">Backend: </span>
        <strong data-backend={backend.active}>{text.name}</strong>
        {text.warning && (
          <span className="backend__warning-sign">
            {' '}
            ⚠<span className="visually-hidden"> (a problem: open for details)</span>
          </span>
        )}
      </summary>
      <div className="backend__details">
        {text.warning && <p className="backend__note">{text.warning}</p>}
        <p>
          Computing with <strong>{text.name}</strong>
          {backend.details && <> ({backend.details})</>}
          {backend.requested === 'auto' ? ', chosen automatically as the fastest that runs here.' : ', as asked for.'}
        </p>
        {backend.probe && <p className="backend__probe">Measured on this device with a few training steps of your network: {backend.probe.reason}.</p>}
        {text.sentences.length > 0 && <p>{text.sentences.join(' ')}</p>}
        {backend.thread === 'worker' && <p>Training runs in a background thread, so the page stays responsive while it learns.</p>}
        {backend.thread === 'page' && backend.threadNote && <p>{backend.threadNote}</p>}
        <p className="muted">Change it under Settings in the Train view.</p>
        {text.renderer && (
          <details className="backend__technical">
            <summary>Technical details</summary>
            <p>
              Graphics renderer as the driver reports it: <span className="backend__renderer">{text.renderer}</span>
            </p>
          </details>
        )}
      </div>
    </details>
  );
}
