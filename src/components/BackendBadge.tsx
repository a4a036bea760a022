import { useAppSelector } from '../state/hooks';

const NAMES: Record<string, string> = { webgl: 'WebGL', webgpu: 'WebGPU', wasm: 'WebAssembly', cpu: 'CPU (JavaScript)' };

/** Which tfjs backend actually runs, on which renderer, and why if it is not the one asked for. */
export function BackendBadge() {
  const backend = useAppSelector((s) => s.backend);
  if (backend.status === 'starting') return <p className="backend">Starting TensorFlow.js…</p>;
  if (backend.status === 'error') return <p className="backend backend--error" role="alert">{backend.error}</p>;
  return (
    <div className="backend" aria-label="Compute backend">
      <p>
        Backend: <strong data-backend={backend.active}>{NAMES[backend.active ?? ''] ?? backend.active}</strong>
        {backend.details && <> ({backend.details})</>}
        {backend.renderer && (
          <>
            {' '}
            · WebGL renderer: <span className="backend__renderer">{backend.renderer}</span>
          </>
        )}
      </p>
      {backend.note && <p className="backend__note">{backend.note}</p>}
      {backend.thread === 'worker' && <p className="backend__note">Training runs in a background thread (a Web Worker), so the page stays responsive.</p>}
      {backend.thread === 'page' && backend.threadNote && <p className="backend__note">{backend.threadNote}</p>}
    </div>
  );
}
