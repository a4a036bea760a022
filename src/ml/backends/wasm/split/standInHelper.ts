/**
 * A second thread for tests (Node has no threaded tfjs build): a SecondThread whose shares are
 * replayed on this thread by its own instances of gemm.wat and kernels.wat on the backend's
 * memory, as the helper worker does with the real one. `when` chooses whether a share runs as
 * it is posted (before the engine's own share) or when the engine waits (after it): a correct
 * split gives the same results either way. Used only by *.test.ts files.
 */
import { instantiateGemm } from '../simd/gemmKernels';
import { instantiateSimdKernels } from '../simd/simdKernels';
import { runCommands } from './gemmCommands';
import type { SecondThread } from './helperProtocol';
import type { HelperStarter } from './twoThreads';

export interface StandInLog {
  started: number;
  shares: number;
  commands: number;
  terminated: number;
}

export function standInStarter(when: 'post' | 'wait', log: StandInLog, fail = false): HelperStarter {
  return (memory, fused) => {
    const gemm = instantiateGemm(memory, fused);
    const simd = instantiateSimdKernels(memory);
    if (gemm == null || simd == null) return null;
    const ops = { gemm: gemm.gemm, im2colTransposedTap: simd.im2colTransposedTap };
    log.started++;
    let pending: [number, number] | null = null;
    const replay = () => {
      if (pending == null) return;
      runCommands(memory, pending[0], pending[1], ops);
      log.shares++;
      log.commands += pending[1];
      pending = null;
    };
    const thread: SecondThread = {
      ready: () => true,
      post(ptr, count) {
        pending = [ptr, count];
        if (when === 'post' && !fail) replay();
      },
      wait() {
        if (fail) return false;
        replay();
        return true;
      },
      terminate() {
        log.terminated++;
      },
    };
    return thread;
  };
}
