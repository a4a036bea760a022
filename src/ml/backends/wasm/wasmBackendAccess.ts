/**
 * Small helpers shared by the wasm training kernels: typed access to the wasm
 * backend's heap, and calls into the wasm backend's own (XNNPACK-backed)
 * kernels without going through the engine, so no engine tensors are created.
 *
 * Lifetime rules used by every kernel in this folder:
 * - Buffers made with `allocF32` are owned by the caller and must be released
 *   with `release` (usually in a `finally`), except the one returned to the
 *   engine as the kernel's output.
 * - Views from `heapF32` are invalidated by any later wasm allocation (the
 *   heap may grow and be re-allocated), so take them after all allocations
 *   and after every call into wasm.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backend_util, getKernel, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';

export type { BackendWasm };

/** Allocates an uninitialised float32 buffer of `shape` on the wasm heap. */
export function allocF32(backend: BackendWasm, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32');
}

/** Releases a buffer this module allocated (or a reference it took). */
export function release(backend: BackendWasm, info: TensorInfo | null | undefined): void {
  if (info != null) backend.disposeData(info.dataId);
}

/** Float32Array aliasing a tensor's memory inside the wasm heap (zero-copy). */
export function heapF32(backend: BackendWasm, info: TensorInfo): Float32Array {
  if (info.dtype !== 'float32') {
    throw new Error(`wasm training kernels support float32 only, got ${info.dtype}`);
  }
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** Same data, other shape: a TensorInfo alias without copying or ref counting. */
export function withShape(info: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** Runs one of the wasm backend's registered kernels directly on backend data. */
export function runWasmKernel(
  backend: BackendWasm,
  kernelName: string,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap,
): TensorInfo {
  const kernel = getKernel(kernelName, 'wasm');
  if (kernel == null) {
    throw new Error(`wasm kernel ${kernelName} is not registered; import '@tensorflow/tfjs-backend-wasm' first`);
  }
  const out = kernel.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out)) throw new Error(`wasm kernel ${kernelName} returned several outputs`);
  return out;
}

/**
 * out[1, rows, cols] = a[1, rows, inner] · b[1, inner, cols] with the wasm
 * backend's BatchMatMul. With batch 1 and no transposes it takes the XNNPACK
 * fully-connected path (SIMD); any other form falls back to a scalar loop, so
 * callers lay out their operands to match.
 *
 * XNNPACK caches the packed `b` keyed only by b's tensor id (not its shape),
 * until b is disposed: so `b` must be a buffer the caller just allocated and
 * releases right after, never an engine-owned tensor that other code might
 * also multiply with under another shape.
 */
export function matMulFresh(backend: BackendWasm, a: TensorInfo, b: TensorInfo): TensorInfo {
  return runWasmKernel(backend, 'BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
}

/** Data-format and dilation guards shared by the conv kernels. */
export function assertNhwcNoDilation(
  kernelName: string,
  dataFormat: string | undefined,
  dilations: unknown,
): void {
  if (dataFormat != null && dataFormat !== 'NHWC') {
    throw new Error(`${kernelName} on wasm supports only NHWC (channelsLast), got ${dataFormat}`);
  }
  if (dilations != null) {
    const [dh, dw] = typeof dilations === 'number' ? [dilations, dilations] : (dilations as number[]);
    if (dh !== 1 || dw !== 1) {
      throw new Error(`${kernelName} on wasm supports only dilation 1, got [${dh}, ${dw}]`);
    }
  }
}

/** NHWC convolution geometry (dilation 1) as computed by tfjs itself. */
export function convInfoNhwc(
  xShape: number[],
  filterShape: number[],
  strides: [number, number] | number,
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding,
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined,
): backend_util.Conv2DInfo {
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
}
