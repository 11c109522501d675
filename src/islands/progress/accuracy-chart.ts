/**
 * Quiz accuracy over time as a plain SVG line chart (no charting library: one line, two axes).
 * The SVG is an image with a one-sentence summary for screen readers; the numbers are in a table
 * right under it for anyone who wants them exactly.
 */
import { percent, type AccuracyPoint, type Granularity } from '../../learning/progress-stats';
import { el, shortDate, svg, table } from './dom';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 16, bottom: 34, left: 44 };

function periodLabel(point: AccuracyPoint, granularity: Granularity): string {
  return granularity === 'week' ? `Week of ${shortDate(point.start)}` : shortDate(point.start);
}

/** The chart and its table, for the points (oldest first). */
export function accuracyChart(points: readonly AccuracyPoint[], granularity: Granularity): HTMLElement {
  const figure = el('figure', { class: 'progress-chart' });
  if (points.length === 0) {
    figure.append(el('p', { class: 'status-note', text: 'No quiz answers yet: answer a lesson quiz, a tag quiz or a review to see your accuracy here.' }));
    return figure;
  }
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (value: number) => PAD.top + innerH - (value / 100) * innerH;
  const values = points.map((p) => percent(p.correct, p.answered));
  const first = points[0] as AccuracyPoint;
  const last = points[points.length - 1] as AccuracyPoint;
  const summary = `Quiz accuracy per ${granularity}, ${points.length} ${points.length === 1 ? granularity : `${granularity}s`} from ${shortDate(first.start)} to ${shortDate(last.start)}: ${values[0]}% at first, ${values[values.length - 1]}% most recently.`;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': summary, class: 'chart-svg', preserveAspectRatio: 'xMidYMid meet' });
  for (const tick of [0, 50, 100]) {
    chart.append(
      svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(tick), y2: y(tick), class: 'chart-grid' }),
      svg('text', { x: PAD.left - 8, y: y(tick) + 4, 'text-anchor': 'end', class: 'chart-text' }, `${tick}%`),
    );
  }
  chart.append(svg('polyline', { points: values.map((v, i) => `${x(i)},${y(v)}`).join(' '), class: 'chart-line' }));
  values.forEach((v, i) => {
    const point = points[i] as AccuracyPoint;
    chart.append(
      svg('circle', { cx: x(i), cy: y(v), r: 4.5, class: 'chart-dot' }, svg('title', {}, `${periodLabel(point, granularity)}: ${v}% (${point.correct} of ${point.answered})`)),
    );
  });
  const labels = points.length === 1 ? [0] : [0, points.length - 1];
  for (const i of labels) {
    const point = points[i] as AccuracyPoint;
    const anchor = points.length === 1 ? 'middle' : i === 0 ? 'start' : 'end';
    chart.append(svg('text', { x: x(i), y: HEIGHT - 10, 'text-anchor': anchor, class: 'chart-text' }, shortDate(point.start)));
  }
  const rows = points.map((p, i) => [periodLabel(p, granularity), String(p.answered), String(p.correct), `${values[i]}%`]);
  const details = el(
    'details',
    { class: 'chart-data', 'data-keep-open': 'accuracy-table' },
    el('summary', { text: 'Show the numbers' }),
    table(`Quiz accuracy per ${granularity}`, [granularity === 'week' ? 'Week' : 'Day', 'Answered', 'Correct', 'Accuracy'], rows),
  );
  figure.append(chart, details);
  return figure;
}
