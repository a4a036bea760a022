import { CLASS_NAMES } from '../../ml/constants';
import { softmaxBreakdown } from '../../ml/internals/softmax';

function className(i: number): string {
  return CLASS_NAMES[i] ?? `Class ${i}`;
}

/** Scores (logits) -> e^(score - max) -> probability, for every class, with the numbers. */
export function SoftmaxTable({ logits, probabilities, trueClass }: { logits: Float32Array; probabilities: Float32Array; trueClass: number | null }) {
  const { rows, maxLogit, sumExp } = softmaxBreakdown(logits);
  let predicted = 0;
  probabilities.forEach((p, i) => {
    if (p > probabilities[predicted]) predicted = i;
  });
  return (
    <table className="softmax-table">
      <caption>
        Softmax: probability = e<sup>score − {maxLogit.toFixed(2)}</sup> ÷ {sumExp.toFixed(3)} (the sum of the e<sup>…</sup> column)
      </caption>
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col">Score (logit)</th>
          <th scope="col">
            e<sup>score − max</sup>
          </th>
          <th scope="col">Probability</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const isPredicted = row.classIndex === predicted;
          const notes = [isPredicted ? 'predicted' : null, row.classIndex === trueClass ? 'true class' : null].filter(Boolean).join(', ');
          return (
            <tr key={row.classIndex} className={isPredicted ? 'softmax-table__predicted' : undefined}>
              <th scope="row">
                {className(row.classIndex)}
                {notes && <span className="softmax-table__note"> ({notes})</span>}
              </th>
              <td>{row.logit.toFixed(2)}</td>
              <td>{row.exp.toFixed(3)}</td>
              <td>
                <span className="prob-bar" style={{ width: `${Math.max(0.1, row.probability * 6).toFixed(2)}rem` }} aria-hidden="true" />
                <span className="prob-value">{(probabilities[row.classIndex] * 100).toFixed(1)}%</span>
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Sum</th>
          <td />
          <td>{sumExp.toFixed(3)}</td>
          <td>{(rows.reduce((s, r) => s + r.probability, 0) * 100).toFixed(1)}%</td>
        </tr>
      </tfoot>
    </table>
  );
}
