/**
 * A kernel's share of work for the second thread, as a list of calls into gemm.wat and
 * kernels.wat's im2colTransposedTap written into the backend's memory: the engine's thread
 * records them with the same loop it runs for its own share (the loop takes a `GemmOps`, either
 * the instances themselves or a `CommandRecorder`), and the helper worker replays them with its
 * own instances of the two modules on the same shared memory (`runCommands`).
 *
 * One command is COMMAND_INTS int32 values: the opcode, then the call's arguments (all i32:
 * byte offsets, sizes, strides, modes). A kernel's share is ~10–3,200 commands (~0.2 MB at most).
 */
import type { GemmKernels } from '../simd/gemmKernels';
import type { SimdKernels } from '../simd/simdKernels';

/** What a split kernel's loop calls: gemm.wat's product and the colsT tap of kernels.wat. */
export interface GemmOps {
  gemm: GemmKernels['gemm'];
  im2colTransposedTap: SimdKernels['im2colTransposedTap'];
}

export const OP_GEMM = 1;
export const OP_IM2COL_TAP = 2;
/** Ints per command: the opcode and up to 15 arguments (gemm has 12, im2colTransposedTap 14). */
export const COMMAND_INTS = 16;

/** Records calls instead of making them; `commands` holds the first `count` of them. */
export class CommandRecorder implements GemmOps {
  commands = new Int32Array(COMMAND_INTS * 64);
  count = 0;

  gemm = (...args: Parameters<GemmKernels['gemm']>): void => this.push(OP_GEMM, args);

  im2colTransposedTap = (...args: Parameters<SimdKernels['im2colTransposedTap']>): void => this.push(OP_IM2COL_TAP, args);

  private push(op: number, args: number[]): void {
    if ((this.count + 1) * COMMAND_INTS > this.commands.length) {
      const grown = new Int32Array(this.commands.length * 2);
      grown.set(this.commands);
      this.commands = grown;
    }
    const at = this.count * COMMAND_INTS;
    this.commands[at] = op;
    for (let i = 0; i < args.length; i++) this.commands[at + 1 + i] = args[i];
    this.count++;
  }
}

/** Replays `count` commands at byte offset `ptr` of `memory` (the helper's side; the stand-in's in tests). */
export function runCommands(memory: WebAssembly.Memory, ptr: number, count: number, ops: GemmOps): void {
  // A fresh view: the memory may have grown since the last job.
  const c = new Int32Array(memory.buffer, ptr, count * COMMAND_INTS);
  for (let i = 0; i < count; i++) {
    const at = i * COMMAND_INTS;
    const op = c[at];
    if (op === OP_GEMM) {
      ops.gemm(c[at + 1], c[at + 2], c[at + 3], c[at + 4], c[at + 5], c[at + 6], c[at + 7], c[at + 8], c[at + 9], c[at + 10], c[at + 11], c[at + 12]);
    } else if (op === OP_IM2COL_TAP) {
      ops.im2colTransposedTap(c[at + 1], c[at + 2], c[at + 3], c[at + 4], c[at + 5], c[at + 6], c[at + 7], c[at + 8], c[at + 9], c[at + 10], c[at + 11], c[at + 12], c[at + 13], c[at + 14]);
    } else {
      throw new Error(`unknown gemm command ${op} at ${i}`);
    }
  }
}
