import { describe, expect, it } from 'vitest';
import type { BackendState } from '../state/types';
import { backendText } from './backendText';

const RENDERER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const autoOnWasm: BackendState = {
  status: 'ready',
  requested: 'auto',
  active: 'wasm',
  renderer: RENDERER,
  software: true,
  details: 'SIMD, 2 threads',
  // As the engine reports it on a machine without a GPU.
  note: `WebGL is software-rendered here (no usable GPU). WebAssembly trains faster on this machine, so it is used. WebGL is software-rendered here (${RENDERER}), so training on it is slow.`,
  error: null,
  thread: 'worker',
  threadNote: null,
};

describe('the backend badge in words', () => {
  it('is a plain name, without a warning, when the automatic choice simply picked the fastest', () => {
    const text = backendText(autoOnWasm);
    expect(text.name).toBe('WebAssembly');
    expect(text.warning).toBeNull();
  });

  it('says each thing once and keeps the raw driver string out of the sentences', () => {
    const { sentences, renderer } = backendText(autoOnWasm);
    expect(sentences).toEqual(['WebGL is software-rendered here (no usable GPU).', 'WebAssembly trains faster on this machine, so it is used.']);
    expect(sentences.join(' ')).not.toContain('SwiftShader');
    expect(renderer).toBe(RENDERER);
  });

  it('warns when the backend asked for could not start, or the engine runs on the page', () => {
    expect(backendText({ ...autoOnWasm, requested: 'webgpu' }).warning).toBe('WebGPU was asked for but could not start here; WebAssembly is used instead.');
    expect(backendText({ ...autoOnWasm, thread: 'page' }).warning).toMatch(/on the page/);
  });
});
