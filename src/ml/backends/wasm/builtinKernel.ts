/**
 * Wrapping one of the wasm backend's own kernels: a wrapper takes a fast path for the
 * cases it knows and hands every other call to the kernel registered before it.
 *
 *   const builtin = wrapsBuiltin(myConfig);        // once, at module level
 *   captureBuiltins();                             // before myConfig replaces it (every wrapper at once)
 *   builtin.call(args);                            // inside myConfig.kernelFunc
 */
import { getKernel, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';

/** Property under which a wrapper records the kernel config it wraps. */
const WRAPPED = Symbol.for('fashion-mnist-cnn-playground.wasm.wrappedKernelConfig');
type Wrapper = KernelFunc & { [WRAPPED]?: KernelConfig };

export interface BuiltinKernel {
  /**
   * Remembers the kernel registered before the wrapper (following earlier wrappers back to
   * the original, e.g. after a hot module reload). Must run before the wrapper replaces it.
   */
  capture(): void;
  call(args: unknown): TensorInfo;
  /**
   * The wrapper's registration. The built-in kernel binds its wasm function in its setupFunc,
   * which the engine runs only for kernels registered when the backend initialises: if the
   * wrapper is registered first, it must run the built-in's setup (and dispose) itself.
   */
  wrapperConfig(): KernelConfig;
}

/** Every wrapper made so far (each wrapper module makes its own when first imported). */
const wrappers: BuiltinKernel[] = [];

/** Captures the built-in kernel of every wrapper made so far; before the wrappers are registered. */
export function captureBuiltins(): void {
  for (const wrapper of wrappers) wrapper.capture();
}

export function wrapsBuiltin(wrapper: Pick<KernelConfig, 'kernelName' | 'backendName' | 'kernelFunc'>): BuiltinKernel {
  let builtin: KernelConfig | null = null;
  const kernel: BuiltinKernel = {
    capture() {
      let current: KernelConfig | undefined = getKernel(wrapper.kernelName, wrapper.backendName);
      while (current != null && (current.kernelFunc as Wrapper)[WRAPPED] != null) {
        current = (current.kernelFunc as Wrapper)[WRAPPED];
      }
      if (current == null) {
        throw new Error(`wasm kernel ${wrapper.kernelName} is not registered; import '@tensorflow/tfjs-backend-wasm' first`);
      }
      if (current.kernelFunc !== wrapper.kernelFunc) builtin = current;
      (wrapper.kernelFunc as Wrapper)[WRAPPED] = builtin ?? undefined;
    },
    call(args) {
      if (builtin == null) throw new Error(`registerWasmTrainingKernels() has not captured the built-in ${wrapper.kernelName}`);
      return builtin.kernelFunc(args as Parameters<KernelFunc>[0]) as TensorInfo;
    },
    wrapperConfig: () => ({
      kernelName: wrapper.kernelName,
      backendName: wrapper.backendName,
      kernelFunc: wrapper.kernelFunc,
      setupFunc: (backend) => builtin?.setupFunc?.(backend),
      disposeFunc: (backend) => builtin?.disposeFunc?.(backend),
    }),
  };
  wrappers.push(kernel);
  return kernel;
}
