/**
 * A second thread for tests (Node has no threaded tfjs build): the real control block and
 * protocol (helperProtocol.ts), with the helper's side run on this thread by its own instances
 * of gemm.wat and kernels.wat on the backend's memory, as the helper worker does. As a job is
 * posted, the stand-in claims `blocksFirst` of its blocks and runs them before the engine starts
 * on the rest (0: a helper that never wakes in time; Infinity: one that takes every block). With
 * `failing`, its blocks throw, as a broken helper's would. Used only by *.test.ts files.
 */
import { instantiateGemm } from '../simd/gemmKernels';
import { instantiateSimdKernels } from '../simd/simdKernels';
import { type GemmOps, opsOf } from './gemmCommands';
import { atomicsSecondThread, currentJob, markHelperReady, newControlBlock, type SecondThread, workOnJob } from './helperProtocol';
import type { HelperStarter } from './twoThreads';

export interface StandInLog {
  started: number;
  /** Blocks the stand-in claimed (failed ones included). */
  blocks: number;
  terminated: number;
}

export function standInStarter(blocksFirst: number, log: StandInLog, failing = false): HelperStarter {
  return (memory, fused) => {
    const gemm = instantiateGemm(memory, fused);
    const simd = instantiateSimdKernels(memory);
    if (gemm == null || simd == null) return null;
    const fail = () => {
      throw new Error('a failing helper');
    };
    const ops: GemmOps = failing ? { gemm: fail, im2colTransposedTap: fail, maxPoolGrad2x2: fail, filterGrad3x3SingleChannel: fail } : opsOf(gemm, simd);
    const control = newControlBlock();
    const engineSide = atomicsSecondThread(control, () => log.terminated++);
    // As the helper worker does once it has its instances.
    markHelperReady(control);
    log.started++;
    const thread: SecondThread = {
      ...engineSide,
      post(ptr, blocks) {
        engineSide.post(ptr, blocks);
        log.blocks += workOnJob(memory, control, currentJob(control), ops, blocksFirst);
      },
    };
    return thread;
  };
}
