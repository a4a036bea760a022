import { BACKEND_CHOICES, type BackendChoice } from '../ml/config/runConfig';
import { usePlayground, usePlaygroundStore } from '../state/usePlayground';

const LABELS: Record<BackendChoice, string> = {
  auto: 'Automatic (fastest that can train)',
  webgl: 'WebGL (GPU)',
  webgpu: 'WebGPU (GPU)',
  wasm: 'WebAssembly (CPU, SIMD)',
  cpu: 'Plain JavaScript (CPU, slowest)',
};

/** Chooses the compute backend; switching rebuilds the model on the new backend. */
export function BackendPicker() {
  const state = usePlayground();
  const store = usePlaygroundStore();
  return (
    <div className="field">
      <label htmlFor="backend-choice">Backend</label>
      <select
        id="backend-choice"
        value={state.config.backend}
        disabled={store.isBusy(state) || state.backend.status === 'starting'}
        onChange={(e) => void store.setBackend(e.target.value as BackendChoice)}
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
