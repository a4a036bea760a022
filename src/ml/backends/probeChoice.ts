/**
 * The automatic backend, chosen by measurement: what a short probe measured on each backend the
 * device offers (a few real training steps of the chosen network) turned into a choice and a
 * sentence saying why ("WebGL 3,900 img/s, WASM 1,300: WebGL"). Pure: the probe itself runs in
 * the engine (engine/backendProbe.ts).
 *
 * Rules: the fastest measured backend wins, except that a software-rendered GPU backend
 * (SwiftShader, llvmpipe: the GPU emulated on the CPU) never wins over WebAssembly, whatever
 * its measurement says; with nothing measured there is no choice (the caller falls back to the
 * fixed order of activateBackend.ts).
 */
import type { BackendName } from './activateBackend';

export interface ProbeMeasurement {
  readonly backend: BackendName;
  /** Training images per second of the probed network (median step); null when not measured. */
  readonly examplesPerSec: number | null;
  /** A software renderer (only GPU backends can be). */
  readonly software: boolean;
  /** Why it was not measured (not offered here, failed, skipped), or null. */
  readonly note: string | null;
}

export interface BackendProbe {
  readonly chosen: BackendName | null;
  /** e.g. "WebGL 3,900 img/s, WASM 1,300: WebGL". */
  readonly reason: string;
  readonly measurements: readonly ProbeMeasurement[];
  /** How long the probe took, ms. */
  readonly ms: number;
  /** Training FLOPs per example of the network it measured (to tell when to probe again). */
  readonly flopsPerExample: number;
}

export const PROBE_LABELS: Record<BackendName, string> = { webgl: 'WebGL', webgpu: 'WebGPU', wasm: 'WASM', cpu: 'CPU' };

/** A software GPU never beats WebAssembly when WebAssembly was measured. */
function eligible(m: ProbeMeasurement, all: readonly ProbeMeasurement[]): boolean {
  if (m.examplesPerSec === null || !(m.examplesPerSec > 0)) return false;
  return !(m.software && all.some((w) => w.backend === 'wasm' && w.examplesPerSec !== null && w.examplesPerSec > 0));
}

const rate = (n: number) => Math.round(n).toLocaleString('en');

export function chooseByProbe(measurements: readonly ProbeMeasurement[]): { chosen: BackendName | null; reason: string } {
  const measured = measurements.filter((m) => m.examplesPerSec !== null && m.examplesPerSec > 0).sort((a, b) => b.examplesPerSec! - a.examplesPerSec!);
  const candidates = measured.filter((m) => eligible(m, measurements));
  const chosen = candidates[0]?.backend ?? null;
  const parts = measured.map((m, i) => `${PROBE_LABELS[m.backend]} ${rate(m.examplesPerSec!)}${i === 0 ? ' img/s' : ''}${m.software && !eligible(m, measurements) ? ' (software renderer, never chosen over WASM)' : ''}`);
  const skipped = measurements.filter((m) => !measured.includes(m) && m.note).map((m) => `${PROBE_LABELS[m.backend]}: ${m.note}`);
  const others = skipped.length > 0 ? ` (${skipped.join('; ')})` : '';
  const list = parts.length > 0 ? `${parts.join(', ')}${others}` : skipped.join('; ') || 'nothing measured';
  return { chosen, reason: chosen ? `${list}: ${PROBE_LABELS[chosen]}` : `${list}: no backend could be measured` };
}

/**
 * Whether a new network differs enough from the probed one for the choice to change: GPU and
 * CPU backends scale differently with the work per image (a GPU wins on large networks, loses
 * on tiny ones), so a factor of 2 in training FLOPs per example calls for a new probe.
 */
export function needsReprobe(probedFlopsPerExample: number, flopsPerExample: number, factor = 2): boolean {
  if (!(probedFlopsPerExample > 0) || !(flopsPerExample > 0)) return false;
  const ratio = flopsPerExample / probedFlopsPerExample;
  return ratio >= factor || ratio <= 1 / factor;
}
