/// <reference lib="webworker" />
/**
 * The gemm helper: a worker the engine's worker starts next to tfjs's own threads, instantiating
 * gemm.wat and kernels.wat on the backend's shared WebAssembly.Memory and replaying the shares
 * of the split kernels the engine hands over (ml/backends/wasm/split/). One message starts it:
 * { memory, control, fused }; from then on it only waits on the control block (Atomics.wait).
 */
import { instantiateGemm } from '../ml/backends/wasm/simd/gemmKernels';
import { instantiateSimdKernels } from '../ml/backends/wasm/simd/simdKernels';
import { opsOf } from '../ml/backends/wasm/split/gemmCommands';
import { reportHelperFailed, serveCommands } from '../ml/backends/wasm/split/helperProtocol';

interface Start {
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  fused: boolean;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = ({ data }: MessageEvent<Start>) => {
  const control = new Int32Array(data.control);
  const gemm = instantiateGemm(data.memory, data.fused);
  const simd = instantiateSimdKernels(data.memory);
  // The same flavour as the engine's (fused or not), so both shares round alike.
  if (gemm == null || simd == null || gemm.fused !== data.fused) {
    reportHelperFailed(control);
    return;
  }
  serveCommands(data.memory, control, opsOf(gemm, simd));
  scope.close();
};
