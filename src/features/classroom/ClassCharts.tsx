import { useEffect, useRef } from 'react';
import { useThrottledRender } from '../../components/useThrottledRender';
import { PROJECTOR_FONT_SIZE } from '../../vis/lineChart';
import { forgetClassCurves, renderClassAccuracy, renderClassCurves, type ClassAccuracyPoint, type ClassRunCurve } from '../../vis/classCharts';
import { disposeChart } from '../../vis/chartViews';
import { useAppSelector } from '../../state/hooks';
import type { ClassStudent, ValueStats } from './aggregate';
import { thin } from './runSummary';
import { SETTINGS, type VariedSetting } from './variedSetting';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
/** Points on the overlaid curves in all (each run gets its share, 20 to 60): vega's cost grows with them. */
const CURVE_POINT_BUDGET = 1500;
const pointsPerRun = (runs: number) => Math.max(20, Math.min(60, Math.floor(CURVE_POINT_BUDGET / Math.max(1, runs))));
/** The charts redraw at most this often, however fast results arrive (the tables follow every update). */
const REDRAW_MS = 2000;

export function accuracySummary(label: string, rows: readonly { value: string; mean: number; min: number; max: number }[]): string {
  return rows.length === 0
    ? 'No run has finished yet.'
    : `Final test accuracy by ${label.toLowerCase()}: ${rows.map((r) => `${r.value}: mean ${pct(r.mean)}, from ${pct(r.min)} to ${pct(r.max)}`).join('; ')}.`;
}

/** Every run's training loss, coloured by its value; and per value the final accuracies with their mean and range. */
export function ClassCharts({ setting, students, stats }: { setting: VariedSetting; students: readonly ClassStudent[]; stats: readonly ValueStats[] }) {
  const instructor = useAppSelector((s) => s.ui.instructor);
  const fontSize = instructor ? PROJECTOR_FONT_SIZE : 12;
  const info = SETTINGS[setting];
  const labels = stats.map((s) => info.format(s.value));
  const rows = stats.flatMap((s) => (s.mean === null ? [] : [{ value: info.format(s.value), mean: s.mean, min: s.min ?? s.mean, max: s.max ?? s.mean }]));
  const summary = accuracySummary(info.label, rows);
  const hasCurves = students.some((s) => (s.entry?.run?.batches.length ?? 0) > 0);
  const curvesRef = useRef<HTMLDivElement>(null);
  const accuracyRef = useRef<HTMLDivElement>(null);
  /** What the accuracy chart last drew: it is drawn again only when that changes (most updates are curves). */
  const accuracyDrawn = useRef('');

  useThrottledRender(
    () => {
      const curvesEl = curvesRef.current;
      const accuracyEl = accuracyRef.current;
      const options = { fontSize, values: labels, valueLabel: info.label };
      if (curvesEl) {
        // Each run's version says when its points change: only those runs' lines are redrawn.
        const runsDrawn = students.filter((s) => s.entry?.run).length;
        const perRun = pointsPerRun(runsDrawn);
        const epochs = Math.max(1, ...students.map((s) => s.entry?.run?.settings.epochs ?? 1));
        const curves: ClassRunCurve[] = students.flatMap((s) => {
          const run = s.entry?.run;
          if (!run) return [];
          const last = run.batches.at(-1);
          return [{ student: s.id, value: info.format(run.value), version: `${run.id}:${run.batches.length}:${last?.[0]}:${last?.[1]}:${perRun}`, points: thin(run.batches, perRun).map(([x, loss]) => [x, loss] as const) }];
        });
        void renderClassCurves(curvesEl, curves, { ...options, epochs, width: Math.max(280, curvesEl.clientWidth), summary: `Training loss of ${runsDrawn} runs, coloured by ${info.label.toLowerCase()} (${labels.join(', ')}).` });
      }
      if (accuracyEl) {
        const runs: ClassAccuracyPoint[] = students.flatMap((s) => (s.entry?.run?.test ? [{ student: s.name, value: info.format(s.entry.run.value), accuracy: s.entry.run.test.accuracy }] : []));
        const accuracyOptions = { ...options, width: Math.max(280, accuracyEl.clientWidth), summary };
        const key = JSON.stringify([runs, rows, accuracyOptions]);
        if (key !== accuracyDrawn.current) {
          accuracyDrawn.current = key;
          void renderClassAccuracy(accuracyEl, runs, rows, accuracyOptions);
        }
      }
    },
    [students, fontSize, labels.join('|')],
    REDRAW_MS,
  );
  useEffect(() => {
    const curvesEl = curvesRef.current;
    const accuracyEl = accuracyRef.current;
    return () => {
      if (curvesEl) {
        forgetClassCurves(curvesEl);
        disposeChart(curvesEl);
      }
      if (accuracyEl) disposeChart(accuracyEl);
    };
  }, []);
  return (
    <div className="class-charts">
      <section className="panel" aria-labelledby="class-curves-title">
        <h2 id="class-curves-title">Every run's training loss</h2>
        {!hasCurves && <p className="muted">The curves appear as soon as students train.</p>}
        <div ref={curvesRef} className="class-chart" data-testid="class-curves" />
      </section>
      <section className="panel" aria-labelledby="class-accuracy-title">
        <h2 id="class-accuracy-title">Test accuracy by {info.label.toLowerCase()}</h2>
        <div ref={accuracyRef} className="class-chart" data-testid="class-accuracy-chart" />
        <p className="class-chart-summary">{summary}</p>
        <p className="muted">Dots: each finished run; black tick: the mean; grey bar: lowest to highest.</p>
      </section>
    </div>
  );
}
