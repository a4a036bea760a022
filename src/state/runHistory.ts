/**
 * Finished and stopped runs outlive the tab: their summaries and curves are kept in the
 * browser (the page's localStorage) and come back after a reload. This file turns the runs
 * into stored text and back, checking what it reads: anything malformed is skipped, never
 * shown half-read, and never stops the page from starting.
 */
import { thin } from '../ml/util/thin';
import type { RunRecord } from '../protocol/engineState';

export const RUN_HISTORY_KEY = 'fashion-mnist-playground:runs:v1';

/** At most this many runs are kept (the oldest go first). */
export const MAX_STORED_RUNS = 20;
/** Curves are thinned to at most this many batch points per run, so twenty runs fit well in the storage. */
export const MAX_STORED_BATCHES = 1500;


export function serializeRuns(runs: readonly RunRecord[]): string {
  const kept = runs.slice(-MAX_STORED_RUNS).map((run) => ({ ...run, batches: thin(run.batches, MAX_STORED_BATCHES) }));
  return JSON.stringify({ version: 1, runs: kept });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const ENDED = new Set(['done', 'stopped', 'error']);

function isRunRecord(v: unknown): v is RunRecord {
  if (!isObject(v)) return false;
  const ended = v.endedAt;
  return (
    isFiniteNumber(v.id) &&
    isObject(v.config) &&
    isObject(v.spec) &&
    Array.isArray((v.spec as Record<string, unknown>).layers) &&
    typeof v.status === 'string' &&
    ENDED.has(v.status) &&
    isObject(ended) &&
    isFiniteNumber(ended.epoch) &&
    isFiniteNumber(ended.batch) &&
    Array.isArray(v.batches) &&
    v.batches.every((b) => isObject(b) && isFiniteNumber(b.step) && isFiniteNumber(b.epoch) && typeof b.loss === 'number' && typeof b.accuracy === 'number') &&
    Array.isArray(v.epochHistory) &&
    Array.isArray(v.learningRateChanges) &&
    isFiniteNumber(v.seconds) &&
    isFiniteNumber(v.params)
  );
}

/** The runs stored by `serializeRuns`; an empty list for nothing, another version or damaged text. */
export function parseRuns(text: string | null): RunRecord[] {
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isObject(parsed) || parsed.version !== 1 || !Array.isArray(parsed.runs)) return [];
  // Runs kept before input scaling was a setting were all trained on pixels ÷ 255.
  return parsed.runs.filter(isRunRecord).map((run) => ({ ...run, spec: { ...run.spec, inputScaling: run.spec.inputScaling ?? 'unit' } }));
}

/** The id of a run that ends now: after every run kept, so a reloaded page never reuses one. */
export const nextRunId = (runs: readonly RunRecord[]): number => runs.reduce((max, r) => Math.max(max, r.id), 0) + 1;
