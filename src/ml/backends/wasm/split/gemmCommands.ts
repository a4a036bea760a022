/**
 * A kernel's share of work for the second thread, as a list of calls into gemm.wat and
 * kernels.wat (im2colTransposedTap, maxPoolGrad2x2, filterGrad3x3SingleChannel) written into the backend's memory: the engine's thread
 * records them with the same loop it runs for its own share (the loop takes a `GemmOps`, either
 * the instances themselves or a `CommandRecorder`), and the helper worker replays them with its
 * own instances of the two modules on the same shared memory (`runCommands`).
 *
 * One command is COMMAND_INTS int32 values: the opcode, then the call's arguments (all i32:
 * byte offsets, sizes, strides, modes). A kernel's share is ~10–3,200 commands (~0.2 MB at most).
 */
import type { GemmKernels } from '../simd/gemmKernels';
import type { SimdKernels } from '../simd/simdKernels';

/** What a split kernel's loop calls: gemm.wat's product and three kernels of kernels.wat. */
export interface GemmOps {
  gemm: GemmKernels['gemm'];
  im2colTransposedTap: SimdKernels['im2colTransposedTap'];
  /** Returns 0 when recorded: the replayed call's result is kept in its command (see runCommands). */
  maxPoolGrad2x2: SimdKernels['maxPoolGrad2x2'];
  filterGrad3x3SingleChannel: SimdKernels['filterGrad3x3SingleChannel'];
}

/** The ops of a thread's own instances (the helper's, a stand-in's). */
export function opsOf(gemm: GemmKernels, simd: SimdKernels): GemmOps {
  return { gemm: gemm.gemm, im2colTransposedTap: simd.im2colTransposedTap, maxPoolGrad2x2: simd.maxPoolGrad2x2, filterGrad3x3SingleChannel: simd.filterGrad3x3SingleChannel };
}

export const OP_GEMM = 1;
export const OP_IM2COL_TAP = 2;
export const OP_MAX_POOL_GRAD = 3;
export const OP_FILTER_GRAD_1CH = 4;
/** Ints per command: the opcode, up to 14 arguments (gemm has 12, im2colTransposedTap 14), the call's result. */
export const COMMAND_INTS = 16;
const RESULT = 15;

/** Records calls instead of making them; `commands` holds the first `count` of them. */
export class CommandRecorder implements GemmOps {
  commands = new Int32Array(COMMAND_INTS * 64);
  count = 0;

  gemm = (...args: Parameters<GemmKernels['gemm']>): void => this.push(OP_GEMM, args);

  im2colTransposedTap = (...args: Parameters<SimdKernels['im2colTransposedTap']>): void => this.push(OP_IM2COL_TAP, args);

  maxPoolGrad2x2 = (...args: Parameters<SimdKernels['maxPoolGrad2x2']>): number => {
    this.push(OP_MAX_POOL_GRAD, args);
    return 0;
  };

  filterGrad3x3SingleChannel = (...args: Parameters<SimdKernels['filterGrad3x3SingleChannel']>): void => this.push(OP_FILTER_GRAD_1CH, args);

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

/** Replays `count` commands at byte offset `ptr` of `memory`, each call's result kept in its command's last int. */
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
    } else if (op === OP_MAX_POOL_GRAD) {
      c[at + RESULT] = ops.maxPoolGrad2x2(c[at + 1], c[at + 2], c[at + 3], c[at + 4], c[at + 5], c[at + 6], c[at + 7]);
    } else if (op === OP_FILTER_GRAD_1CH) {
      ops.filterGrad3x3SingleChannel(c[at + 1], c[at + 2], c[at + 3], c[at + 4], c[at + 5], c[at + 6], c[at + 7], c[at + 8], c[at + 9]);
    } else {
      throw new Error(`unknown gemm command ${op} at ${i}`);
    }
  }
}

/** The bitwise or of the results of `count` replayed commands at `ptr` (0: none reported anything). */
export function resultsOr(memory: WebAssembly.Memory, ptr: number, count: number): number {
  const c = new Int32Array(memory.buffer, ptr, count * COMMAND_INTS);
  let or = 0;
  for (let i = 0; i < count; i++) or |= c[i * COMMAND_INTS + RESULT];
  return or;
}
