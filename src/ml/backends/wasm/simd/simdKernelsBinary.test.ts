import { describe, expect, it } from 'vitest';
import { compileKernels } from '../../../../../scripts/wasm/compileWat';
import { SHARED_MEMORY_KERNELS, UNSHARED_MEMORY_KERNELS } from './simdKernelsBinary';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('the committed SIMD kernels binary', () => {
  it('is what kernels.wat compiles to (run `npm run build:wasm-kernels` after editing it)', async () => {
    const binaries = await compileKernels();
    expect(b64(binaries.shared)).toBe(SHARED_MEMORY_KERNELS);
    expect(b64(binaries.unshared)).toBe(UNSHARED_MEMORY_KERNELS);
  });

  it('declares a shared memory import in one flavour only', async () => {
    const module = new WebAssembly.Module(Buffer.from(SHARED_MEMORY_KERNELS, 'base64'));
    const exports = WebAssembly.Module.exports(module).map((e) => e.name).sort();
    expect(exports).toEqual(['adam', 'filterGrad3x3SingleChannel', 'im2colTransposedTap', 'maxPoolGrad2x2', 'reluGrad', 'scaleShift', 'sumRowProducts', 'sumRows', 'transpose']);
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    const plain = new WebAssembly.Memory({ initial: 1 });
    expect(() => new WebAssembly.Instance(module, { env: { memory: shared } })).not.toThrow();
    expect(() => new WebAssembly.Instance(module, { env: { memory: plain } })).toThrow();
    const unsharedModule = new WebAssembly.Module(Buffer.from(UNSHARED_MEMORY_KERNELS, 'base64'));
    expect(() => new WebAssembly.Instance(unsharedModule, { env: { memory: plain } })).not.toThrow();
  });
});
