import { useReadableSvgFont } from '../../components/useReadableSvgFont';
import type { RunConfig } from '../../ml/config/runConfig';
import { GAP_OPENING, readGeneralisation, type EpochPoint, type GeneralisationReading } from '../../ml/internals/generalisation';
import { describeRegularisation } from '../../ml/internals/regularisation';
import type { ModelSpec } from '../../ml/model/spec';
import { ConceptNote } from './ConceptNote';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function reading(r: GeneralisationReading): string {
  switch (r.status) {
    case 'no-epochs':
      return 'The train and validation accuracy of each epoch appear here after the first epoch.';
    case 'no-validation':
      return 'This run holds out no validation images (validation split 0), so overfitting cannot be seen here: set a validation split above 0.';
    case 'fitting':
      return r.gap! <= -GAP_OPENING
        ? `After epoch ${r.epoch + 1}: training ${pct(r.trainAccuracy!)}, validation ${pct(r.valAccuracy!)}. Validation is ahead, as often happens early on: the training figure is an average over the epoch while the weights were still improving, validation is measured at its end. No sign of overfitting.`
        : `After epoch ${r.epoch + 1}: training ${pct(r.trainAccuracy!)}, validation ${pct(r.valAccuracy!)}. The curves are close: what the network learns carries over to images it has not trained on.`;
    case 'gap-opening':
      return `After epoch ${r.epoch + 1}: training ${pct(r.trainAccuracy!)}, validation ${pct(r.valAccuracy!)}. A gap of ${(r.gap! * 100).toFixed(1)} points is opening: the network starts to do better on its training images than on new ones.`;
    case 'overfitting':
      return `After epoch ${r.epoch + 1}: training ${pct(r.trainAccuracy!)}, validation ${pct(r.valAccuracy!)}, a gap of ${(r.gap! * 100).toFixed(1)} points${
        r.valLossRising ? ', and the validation loss has been rising while the training loss falls' : ''
      }. The network is overfitting. Early stopping would keep the weights of epoch ${(r.bestValLossEpoch ?? 0) + 1}, where the validation loss was lowest.`;
  }
}

const W = 320;
const H = 150;

/** Train vs validation accuracy per epoch with the gap between them shaded; its key in text below. */
function GapChart({ history }: { history: readonly EpochPoint[] }) {
  // 10 units normally; on a projector at least 18 px on the screen.
  const { ref: svgRef, font } = useReadableSvgFont(W);
  const fontSize = font(10);
  const points = history.filter((e) => e.valAccuracy !== null);
  if (points.length === 0) return null;
  const pad = { left: Math.ceil(fontSize * 3.4) + 6, right: 12, top: Math.ceil(fontSize / 2) + 4, bottom: Math.ceil(fontSize * 1.6) + 6 };
  const all = points.flatMap((e) => [e.accuracy, e.valAccuracy as number]);
  const lo = Math.max(0, Math.floor(Math.min(...all) * 10) / 10);
  const hi = Math.min(1, Math.ceil(Math.max(...all) * 10) / 10 || 1);
  const lastEpoch = points[points.length - 1].epoch;
  const x = (epoch: number) => pad.left + (lastEpoch === 0 ? (W - pad.left - pad.right) / 2 : (epoch / lastEpoch) * (W - pad.left - pad.right));
  const y = (v: number) => pad.top + (1 - (v - lo) / Math.max(1e-9, hi - lo)) * (H - pad.top - pad.bottom);
  const line = (get: (e: EpochPoint) => number) => points.map((e, i) => `${i ? 'L' : 'M'}${x(e.epoch).toFixed(1)},${y(get(e)).toFixed(1)}`).join(' ');
  const train = line((e) => e.accuracy);
  const val = line((e) => e.valAccuracy as number);
  const gapArea = `${train} ${[...points].reverse().map((e) => `L${x(e.epoch).toFixed(1)},${y(e.valAccuracy as number).toFixed(1)}`).join(' ')} Z`;
  const last = points[points.length - 1];
  return (
    <figure className="gap-chart">
      <svg ref={svgRef} viewBox={`0 0 ${W} ${H}`} style={{ fontSize }} role="img" aria-label={`Accuracy per epoch: training ${pct(last.accuracy)}, validation ${pct(last.valAccuracy as number)} after epoch ${last.epoch + 1}`}>
        <line x1={pad.left} x2={W - pad.right} y1={y(lo)} y2={y(lo)} className="gap-chart__axis" />
        <line x1={pad.left} x2={pad.left} y1={y(hi)} y2={y(lo)} className="gap-chart__axis" />
        <text x={pad.left - 4} y={y(hi) + fontSize * 0.35} textAnchor="end">{pct(hi)}</text>
        <text x={pad.left - 4} y={y(lo)} textAnchor="end">{pct(lo)}</text>
        <text x={(W + pad.left) / 2} y={H - 4} textAnchor="middle">epoch 1 – {lastEpoch + 1}</text>
        <path d={gapArea} className="gap-chart__gap" />
        <path d={train} className="gap-chart__train" />
        <path d={val} className="gap-chart__val" />
        {points.map((e) => (
          <g key={e.epoch}>
            <circle cx={x(e.epoch)} cy={y(e.accuracy)} r={3.5} className="gap-chart__train-dot" />
            <rect x={x(e.epoch) - 3.5} y={y(e.valAccuracy as number) - 3.5} width={7} height={7} className="gap-chart__val-dot" />
          </g>
        ))}
      </svg>
      <figcaption className="gap-chart__key">
        <span className="gap-chart__train-text">● training</span> <span className="gap-chart__val-text">■ validation (dashed)</span> <span>shaded = gap</span>
      </figcaption>
    </figure>
  );
}

/** Overfitting, pointed at on the live train / validation curves, and what helps against it. */
export function GeneralisationNote({ history, spec, config }: { history: readonly EpochPoint[]; spec: ModelSpec; config: RunConfig }) {
  const r = readGeneralisation(history);
  const defences = describeRegularisation(spec, config);
  return (
    <div className={`generalisation generalisation--${r.status}`}>
      <GapChart history={history} />
      <p className="concept__live" data-testid="generalisation-reading">
        {r.status === 'gap-opening' || r.status === 'overfitting' ? <strong>Look at the gap. </strong> : null}
        {reading(r)}
      </p>
      <ConceptNote name="overfitting" />
      <p className="generalisation__defences">
        Defences in the current settings: {defences.map((d) => d.text).join(' · ')}.
      </p>
    </div>
  );
}
