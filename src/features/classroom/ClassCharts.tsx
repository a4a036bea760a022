import { useEffect, useRef } from 'react';
import { PROJECTOR_FONT_SIZE } from '../../vis/lineChart';
import { renderClassAccuracy, renderClassCurves, type ClassAccuracyPoint, type ClassCurvePoint } from '../../vis/classCharts';
import { disposeChart } from '../../vis/chartViews';
import { useAppSelector } from '../../state/hooks';
import type { ClassStudent, ValueStats } from './aggregate';
import { SETTINGS, type VariedSetting } from './variedSetting';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function useChart(draw: (el: HTMLElement, width: number) => Promise<void>, deps: readonly unknown[]) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) void draw(el, Math.max(280, el.clientWidth));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el) disposeChart(el);
    };
  }, []);
  return ref;
}

/** Every run's training loss, coloured by its value; and per value the final accuracies with their mean and range. */
export function ClassCharts({ setting, students, stats }: { setting: VariedSetting; students: readonly ClassStudent[]; stats: readonly ValueStats[] }) {
  const instructor = useAppSelector((s) => s.ui.instructor);
  const fontSize = instructor ? PROJECTOR_FONT_SIZE : 12;
  const info = SETTINGS[setting];
  const labels = stats.map((s) => info.format(s.value));
  const curves: ClassCurvePoint[] = students.flatMap((s) => (s.entry?.run ? s.entry.run.batches.map(([x, loss]) => ({ student: s.id, value: info.format(s.entry!.run!.value), x, loss })) : []));
  const runs: ClassAccuracyPoint[] = students.flatMap((s) => (s.entry?.run?.test ? [{ student: s.name, value: info.format(s.entry.run.value), accuracy: s.entry.run.test.accuracy }] : []));
  const rows = stats.flatMap((s) => (s.mean === null ? [] : [{ value: info.format(s.value), mean: s.mean, min: s.min ?? s.mean, max: s.max ?? s.mean }]));
  const curvesSummary = `Training loss of ${new Set(curves.map((c) => c.student)).size} runs, coloured by ${info.label.toLowerCase()} (${labels.join(', ')}).`;
  const accuracySummary =
    rows.length === 0
      ? 'No run has finished yet.'
      : `Final test accuracy by ${info.label.toLowerCase()}: ${rows.map((r) => `${r.value}: mean ${pct(r.mean)}, from ${pct(r.min)} to ${pct(r.max)}`).join('; ')}.`;
  const curvesRef = useChart((el, width) => renderClassCurves(el, curves, { width, fontSize, values: labels, valueLabel: info.label, summary: curvesSummary }), [JSON.stringify(curves), fontSize, labels.join('|')]);
  const accuracyRef = useChart(
    (el, width) => renderClassAccuracy(el, runs, rows, { width, fontSize, values: labels, valueLabel: info.label, summary: accuracySummary }),
    [JSON.stringify(runs), JSON.stringify(rows), fontSize, labels.join('|')],
  );
  return (
    <div className="class-charts">
      <section className="panel" aria-labelledby="class-curves-title">
        <h2 id="class-curves-title">Every run's training loss</h2>
        {curves.length === 0 && <p className="muted">The curves appear as soon as students train.</p>}
        <div ref={curvesRef} className="class-chart" data-testid="class-curves" />
      </section>
      <section className="panel" aria-labelledby="class-accuracy-title">
        <h2 id="class-accuracy-title">Test accuracy by {info.label.toLowerCase()}</h2>
        <div ref={accuracyRef} className="class-chart" data-testid="class-accuracy-chart" />
        <p className="class-chart-summary">{accuracySummary}</p>
        <p className="muted">Dots: each finished run; black tick: the mean; grey bar: lowest to highest.</p>
      </section>
    </div>
  );
}
