/**
 * The class-probability bar chart of the classify panel. Bars stay in class order, so they
 * can be watched while drawing; one colour for all bars (the panel states the top class in
 * words anyway). Renders with unchanged options only swap the data, which keeps live updates cheap.
 */
import { renderBarChart } from './barChart';

const BAR_COLOUR = '#0b63c5';

const percent = (p: number) => `${(p * 100).toFixed(1)} %`;

/**
 * Renders `probabilities` (one value 0..1 per class, in `classNames` order) into `container`;
 * `fontSize` for the axes' text (PROJECTOR_FONT_SIZE in instructor mode).
 */
export function renderProbabilityBars(container: HTMLElement, probabilities: ArrayLike<number>, classNames: readonly string[], height = 230, fontSize?: number): Promise<void> {
  const bars = classNames.map((name, i) => ({ label: name, value: probabilities[i] }));
  return renderBarChart(container, bars, { xLabel: '', yLabel: 'Probability', height, color: BAR_COLOUR, yDomain: [0, 1], yFormat: '.0%', summaryTitle: 'Probability by class', fontSize }, percent);
}
