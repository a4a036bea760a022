/**
 * The benchmark's requests (npm run bench), answered in the engine on its loaded data. Only
 * the benchmark's build (vite.bench.config.ts) and Node tests load this module: the
 * production engine answers these requests with an error and carries none of this code.
 */
import type { FashionMnistData } from '../ml/data/dataset';
import type { EngineRequest, ResponseOf } from '../protocol/messages';
import { benchTimeToAccuracy } from './benchTimeToAccuracy';
import { benchTrain } from './benchTrain';
import { benchCounters } from './benchCounters';
import type { ShaderWarmup } from './shaderWarmup';

export type BenchRequest = Extract<EngineRequest, { kind: 'benchTrain' | 'benchTimeToAccuracy' | 'benchCounters' }>;

export function answerBenchRequest(data: FashionMnistData, request: BenchRequest, warmup: ShaderWarmup): Promise<ResponseOf['benchTrain'] | ResponseOf['benchTimeToAccuracy'] | ResponseOf['benchCounters']> {
  if (request.kind === 'benchCounters') return benchCounters(data, request.options, warmup);
  return request.kind === 'benchTrain' ? benchTrain(data, request.options) : benchTimeToAccuracy(data, request.options);
}
