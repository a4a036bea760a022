import { useCallback, useMemo, useRef, useState } from 'react';
import { describeSetup, setupDifferences } from '../../ml/config/describeSetup';
import { useAppSelector, useAppStore } from '../../state/hooks';
import type { RunRecord } from '../../state/types';
import { disposeLineChart, PROJECTOR_FONT_SIZE, renderLineChart } from '../../vis/lineChart';
import { useThrottledRender } from '../../components/useThrottledRender';
import { formatPercent } from '../../components/format';
import { positionText } from '../../state/runStatus';
import { CURVES, describeChange, runName, runSeries, type CurveId } from './runSeries';
import './modelLab.css';

const STATUS_TEXT: Partial<Record<RunRecord['status'], string>> = { done: 'finished', stopped: 'stopped', error: 'failed' };

function outcome(run: RunRecord): string {
  // A stopped or failed run says where it ended ("stopped in epoch 1, batch 614 of 844"), not "0 of 5 epochs".
  const ended = run.status === 'done' ? `${run.epochHistory.length} of ${run.config.epochs} epochs (finished)` : `${STATUS_TEXT[run.status] ?? run.status} in ${positionText(run.endedAt)}`;
  const parts = [ended];
  if (run.earlyStopping?.stoppedEarly) {
    parts.push(`early stop, best epoch ${run.earlyStopping.bestEpoch + 1}${run.earlyStopping.restored ? ' restored' : ''}`);
  }
  return parts.join(' · ');
}

/**
 * Every run of this session with its setup, curves and test result; tick runs to overlay
 * their curves and list the settings in which they differ.
 */
export function RunsPanel() {
  const runs = useAppSelector((s) => s.runs);
  const store = useAppStore();
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [curve, setCurve] = useState<CurveId>('batchLoss');
  const chart = useRef<HTMLDivElement | null>(null);
  // The chart's container comes and goes with the runs table: finalize its vega view when it goes.
  const chartRef = useCallback((el: HTMLDivElement | null) => {
    chart.current = el;
    if (!el) return undefined;
    return () => {
      chart.current = null;
      disposeLineChart(el);
    };
  }, []);
  const selected = useMemo(() => runs.filter((r) => !hidden.has(r.id)), [runs, hidden]);
  const differences = useMemo(() => {
    const rows = setupDifferences(selected.map((r) => describeSetup(r.config, r.spec)));
    const extra = [
      { label: 'Backend', values: selected.map((r) => r.backend ?? '–') },
      {
        label: 'Learning-rate changes during the run',
        values: selected.map((r) => r.learningRateChanges.map((c) => describeChange(c.from, c.to, c.step)).join('; ') || 'none'),
      },
    ];
    return [...rows, ...extra.filter((row) => new Set(row.values).size > 1)];
  }, [selected]);

  // Projector-sized chart text in instructor mode, as on the Train view.
  const fontSize = useAppSelector((s) => (s.ui.instructor ? PROJECTOR_FONT_SIZE : undefined));
  const { series, markers } = useMemo(() => runSeries(selected, curve), [selected, curve]);
  const empty = series.every((s) => s.points.length === 0);

  useThrottledRender(
    () => {
      if (!chart.current) return;
      // With no points this releases the chart, leaving the explanation below the picker.
      const def = CURVES[curve];
      void renderLineChart(chart.current, series, { xLabel: def.x, yLabel: def.y, height: 260, yDomain: def.y === 'Accuracy' ? [0, 1] : undefined, markers, fontSize });
    },
    [series, markers, empty, fontSize],
    200,
  );

  const toggle = (id: number) =>
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="panel panel--wide runs-panel" aria-labelledby="runs-heading">
      <h2 id="runs-heading">Runs</h2>
      {runs.length === 0 ? (
        <p className="muted">Each finished or stopped run appears here with its settings, curves and test accuracy, so you can compare them.</p>
      ) : (
        <>
          {/* Scrolls sideways on a phone instead of widening the page; focusable so the keyboard can scroll it. */}
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Table of every run (scrolls sideways)">
            <table className="runs-table">
              <caption className="muted">Tick runs to overlay their curves below.</caption>
              <thead>
                <tr>
                  <th scope="col">Compare</th>
                  <th scope="col">Run</th>
                  <th scope="col">Model</th>
                  <th scope="col">Parameters</th>
                  <th scope="col">Optimizer</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Test accuracy</th>
                  <th scope="col">Time</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => {
                  const setup = Object.fromEntries(describeSetup(run.config, run.spec).map((r) => [r.label, r.value]));
                  return (
                    <tr key={run.id}>
                      <td>
                        <input type="checkbox" aria-label={`Compare ${runName(run)}`} checked={!hidden.has(run.id)} onChange={() => toggle(run.id)} />
                      </td>
                      <th scope="row">{runName(run)}</th>
                      <td>{setup.Architecture}</td>
                      <td className="numeric">{run.params.toLocaleString('en')}</td>
                      <td>
                        {setup.Optimizer}, lr {setup['Learning rate']}
                        {run.learningRateChanges.length > 0 && <> → {run.learningRateChanges[run.learningRateChanges.length - 1].to}</>}
                      </td>
                      <td>
                        {outcome(run)}
                      </td>
                      <td className="numeric">{run.test ? `${formatPercent(run.test.accuracy, 2)} of ${run.test.count.toLocaleString('en')}${run.test.flipTta ? ' (flip TTA)' : ''}` : '–'}</td>
                      <td className="numeric">{run.seconds.toFixed(0)} s</td>
                      <td>
                        <button type="button" className="link-button" onClick={() => store.removeRun(run.id)} aria-label={`Remove ${runName(run)}`}>
                          Remove
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="runs-panel__compare">
            <figure className="chart runs-panel__chart">
              <figcaption>
                <label>
                  Curve{' '}
                  <select value={curve} onChange={(e) => setCurve(e.target.value as CurveId)}>
                    {(Object.keys(CURVES) as CurveId[]).map((id) => (
                      <option key={id} value={id}>
                        {CURVES[id].label}
                      </option>
                    ))}
                  </select>
                </label>
              </figcaption>
              {selected.length === 0 && <p className="muted">Tick at least one run.</p>}
              {selected.length > 0 && empty && <p className="muted">The ticked runs have no values for this curve (runs without a validation split have no validation curves).</p>}
              <div ref={chartRef} data-testid="runs-overlay-chart" />
            </figure>
            <div className="runs-panel__diff">
              <h3>What differs</h3>
              {selected.length < 2 ? (
                <p className="muted">Tick two or more runs to see which settings differ.</p>
              ) : differences.length === 0 ? (
                <p>The ticked runs have identical settings, seed included.</p>
              ) : (
                <div className="table-scroll" tabIndex={0} role="region" aria-label="Differences (scroll sideways)">
                  <table className="diff-table" aria-label="Settings that differ between the ticked runs">
                    <thead>
                      <tr>
                        <th scope="col">Setting</th>
                        {selected.map((r) => (
                          <th key={r.id} scope="col">
                            {runName(r)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {differences.map((row) => (
                        <tr key={row.label}>
                          <th scope="row">{row.label}</th>
                          {row.values.map((v, i) => (
                            <td key={selected[i].id}>
                              <code>{v}</code>
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          </div>
        </>
      )}
    </section>
  );
}
