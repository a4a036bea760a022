import { useAppSelector } from '../state/hooks';

const NAMES: Record<string, string> = { webgl: 'WebGL', webgpu: 'WebGPU', wasm: 'WebAssembly', cpu: 'CPU (JavaScript)' };
const SHORT: Record<string, string> = { webgl: 'WebGL', webgpu: 'WebGPU', wasm: 'WASM', cpu: 'CPU' };

/**
 * The backend in one word, with the whole explanation on demand (said once, here): which
 * tfjs backend really runs, how, on which renderer, why it is not the one asked for, and
 * that training runs in a background thread.
 */
export function BackendBadge() {
  const backend = useAppSelector((s) => s.backend);
  if (backend.status === 'starting') return <p className="backend">Starting TensorFlow.js…</p>;
  if (backend.status === 'error') return <p className="backend backend--error" role="alert">{backend.error}</p>;
  const active = backend.active ?? '';
  return (
    <details className="backend" aria-label="Compute backend">
      <summary>
        <span className="visually-hidden">Backend: </span>
        <strong data-backend={backend.active}>{SHORT[active] ?? active}</strong>
        {(backend.note || backend.thread === 'page') && <span aria-hidden="true"> ⚠</span>}
      </summary>
      <div className="backend__details">
        <p>
          Backend: <strong>{NAMES[active] ?? active}</strong>
          {backend.details && <> ({backend.details})</>}
        </p>
        {backend.renderer && (
          <p>
            WebGL renderer: <span className="backend__renderer">{backend.renderer}</span>
          </p>
        )}
        {backend.note && <p className="backend__note">{backend.note}</p>}
        {backend.thread === 'worker' && <p>Training runs in a background thread, so the page stays responsive while it learns.</p>}
        {backend.thread === 'page' && backend.threadNote && <p className="backend__note">{backend.threadNote}</p>}
        <p className="muted">Change it under Settings in the Train view.</p>
      </div>
    </details>
  );
}
