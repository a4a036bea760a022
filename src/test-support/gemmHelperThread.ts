/**
 * A real second thread for ml/backends/wasm/split/helperProtocol.test.ts (Node's worker_threads): the helper side of
 * the protocol on a shared WebAssembly.Memory, as src/platform/gemmHelperWorker.ts in a browser.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { instantiateGemm } from '../ml/backends/wasm/simd/gemmKernels';
import { instantiateSimdKernels } from '../ml/backends/wasm/simd/simdKernels';
import { opsOf } from '../ml/backends/wasm/split/gemmCommands';
import { reportHelperFailed, serveCommands } from '../ml/backends/wasm/split/helperProtocol';

const { memory, control } = workerData as { memory: WebAssembly.Memory; control: SharedArrayBuffer };
const ctrl = new Int32Array(control);
const gemm = instantiateGemm(memory, false);
const simd = instantiateSimdKernels(memory);
if (gemm == null || simd == null) reportHelperFailed(ctrl);
else serveCommands(memory, ctrl, opsOf(gemm, simd));
parentPort?.close();
