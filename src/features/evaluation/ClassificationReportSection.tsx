import { memo, useEffect, useRef } from 'react';
import { formatCount } from '../../components/format';
import type { AverageMetrics, ClassificationReport } from '../../ml/metrics';
import { renderBarChart } from '../../vis/barChart';
import { PROJECTOR_FONT_SIZE } from '../../vis/lineChart';
import { useAppSelector } from '../../state/hooks';
import { className } from './labels';

/** Two decimals, as scikit-learn's classification_report prints by default. */
const fmt = (v: number) => v.toFixed(2);

/**
 * scikit-learn's classification report as a table, plus per-class accuracy
 * (= recall: the share of each class's images classified correctly) as a chart.
 */
export const ClassificationReportSection = memo(function ClassificationReportSection({ report }: { report: ClassificationReport }) {
  const chart = useRef<HTMLDivElement>(null);
  const fontSize = useAppSelector((s) => (s.ui.instructor ? PROJECTOR_FONT_SIZE : undefined));
  useEffect(() => {
    if (!chart.current) return;
    const bars = report.perClass.map((c) => ({ label: className(c.label), value: Math.round(c.recall * 1000) / 10 }));
    void renderBarChart(chart.current, bars, { xLabel: 'Class', yLabel: 'Accuracy (%)', height: 230, fontSize });
  }, [report, fontSize]);

  const averageRow = (name: string, avg: AverageMetrics) => (
    <tr>
      <th scope="row">{name}</th>
      <td>{fmt(avg.precision)}</td>
      <td>{fmt(avg.recall)}</td>
      <td>{fmt(avg.f1)}</td>
      <td>{formatCount(avg.support)}</td>
    </tr>
  );

  return (
    <section className="evaluation__block" aria-labelledby="report-heading">
      <h3 id="report-heading">Classification report</h3>
      <table className="report-table">
        <caption className="visually-hidden">Precision, recall, F1-score and support per class, with accuracy and averages</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">F1-score</th>
            <th scope="col">Support</th>
          </tr>
        </thead>
        <tbody>
          {report.perClass.map((c) => (
            <tr key={c.label}>
              <th scope="row">{className(c.label)}</th>
              <td>{fmt(c.precision)}</td>
              <td>{fmt(c.recall)}</td>
              <td>{fmt(c.f1)}</td>
              <td>{formatCount(c.support)}</td>
            </tr>
          ))}
        </tbody>
        <tbody className="report-table__summary">
          <tr>
            <th scope="row">Accuracy</th>
            <td />
            <td />
            <td>{fmt(report.accuracy)}</td>
            <td>{formatCount(report.totalSupport)}</td>
          </tr>
          {averageRow('Macro avg', report.macroAvg)}
          {averageRow('Weighted avg', report.weightedAvg)}
        </tbody>
      </table>
      <details className="evaluation__explain">
        <summary>What do these numbers mean?</summary>
        <dl>
          <dt>Precision</dt>
          <dd>Of the images the model called this class, the share that really are (column of the matrix).</dd>
          <dt>Recall</dt>
          <dd>Of the images of this class, the share the model found (row of the matrix: diagonal ÷ row total).</dd>
          <dt>F1-score</dt>
          <dd>The harmonic mean of precision and recall: high only when both are.</dd>
          <dt>Support</dt>
          <dd>How many test images of this class were evaluated (the row total).</dd>
          <dt>Macro / weighted avg</dt>
          <dd>The plain mean over the classes, and the mean weighted by support.</dd>
        </dl>
      </details>
      <figure className="chart">
        <figcaption>Per-class accuracy (recall): share of each class's images classified correctly</figcaption>
        <div ref={chart} data-testid="per-class-accuracy-chart" />
      </figure>
    </section>
  );
});
