import { BACKEND_CHOICES, type BackendChoice } from '../ml/config/runConfig';
import { useAppSelector, useAppStore } from '../state/hooks';
import { selectBusy } from '../state/selectors';

const LABELS: Record<BackendChoice, string> = {
  auto: 'Automatic (fastest that can train)',
  webgl: 'WebGL (GPU)',
  webgpu: 'WebGPU (GPU)',
  wasm: 'WebAssembly (CPU, SIMD)',
  cpu: 'Plain JavaScript (CPU, slowest)',
};

/** Chooses the compute backend; switching rebuilds the model on the new backend. */
export function BackendPicker() {
  const choice = useAppSelector((s) => s.config.backend);
  const busy = useAppSelector(selectBusy);
  const starting = useAppSelector((s) => s.backend.status === 'starting');
  const store = useAppStore();
  return (
    <div className="field">
      <label htmlFor="backend-choice">Backend</label>
      <select
        id="backend-choice"
        value={choice}
        disabled={busy || starting}
        onChange={(e) => store.setBackend(e.target.value as BackendChoice)}
      >
        {BACKEND_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {LABELS[choice]}
          </option>
        ))}
      </select>
    </div>
  );
}
