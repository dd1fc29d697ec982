// An indicator's measurements over valid time (measuredAt) as an inline SVG line chart,
// with its target as a dashed horizontal line; a table of the same numbers for screen readers.
import { h, svg } from './dom.js';
import { formatDate, formatNumber, formatShortDate } from './format.js';

const WIDTH = 520;
const HEIGHT = 200;
const PAD = { top: 16, right: 90, bottom: 28, left: 48 };

export function indicatorChart(indicator, measurements) {
  const unit = indicator.unit ? ` ${indicator.unit}` : '';
  const values = measurements.map((m) => m.value);
  const low = Math.min(0, indicator.target, ...values);
  const high = Math.max(indicator.target, ...values) || 1;
  const times = measurements.map((m) => Date.parse(`${m.measuredAt}T00:00:00Z`));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (t) => PAD.left + (times.length < 2 || last === first ? innerW / 2 : ((t - first) / (last - first)) * innerW);
  const y = (v) => PAD.top + innerH - ((v - low) / (high * 1.1 - low)) * innerH;
  const summary = measurements.length
    ? `${measurements.length} ${measurements.length === 1 ? 'misurazione' : 'misurazioni'} dal ${formatDate(measurements[0].measuredAt)} al ${formatDate(measurements.at(-1).measuredAt)}; ultima ${formatNumber(values.at(-1))}${unit}; target ${formatNumber(indicator.target)}${unit}`
    : `Nessuna misurazione; target ${formatNumber(indicator.target)}${unit}`;
  const targetY = y(indicator.target);

  const chart = svg(
    'svg',
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'indicator-chart', role: 'img', 'aria-label': summary },
    svg('line', { x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: PAD.top + innerH, class: 'axis' }),
    svg('line', { x1: PAD.left, x2: PAD.left + innerW, y1: PAD.top + innerH, y2: PAD.top + innerH, class: 'axis' }),
    svg('text', { x: PAD.left - 6, y: y(low), class: 'tick', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, formatNumber(low)),
    svg('text', { x: PAD.left - 6, y: y(high), class: 'tick', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, formatNumber(high)),
    svg('line', { x1: PAD.left, x2: PAD.left + innerW, y1: targetY, y2: targetY, class: 'target' }),
    svg('text', { x: PAD.left + innerW + 6, y: targetY, class: 'target-label', 'dominant-baseline': 'middle' }, `target ${formatNumber(indicator.target)}${unit}`),
    measurements.length > 1 ? svg('polyline', { points: measurements.map((m, i) => `${x(times[i])},${y(m.value)}`).join(' '), class: 'series' }) : null,
    measurements.map((m, i) => svg('circle', { cx: x(times[i]), cy: y(m.value), r: 4, class: 'point' }, svg('title', {}, `${formatDate(m.measuredAt)}: ${formatNumber(m.value)}${unit}`))),
    measurements.length
      ? [
          svg('text', { x: x(first), y: HEIGHT - 8, class: 'tick', 'text-anchor': 'middle' }, formatShortDate(measurements[0].measuredAt)),
          last !== first ? svg('text', { x: x(last), y: HEIGHT - 8, class: 'tick', 'text-anchor': 'middle' }, formatShortDate(measurements.at(-1).measuredAt)) : null,
        ]
      : svg('text', { x: PAD.left + innerW / 2, y: PAD.top + innerH / 2, class: 'tick', 'text-anchor': 'middle' }, 'nessuna misurazione'),
  );

  return h(
    'figure',
    { class: 'indicator' },
    h('figcaption', {}, h('strong', {}, indicator.description), indicator.kind ? h('span', { class: 'kind' }, indicator.kind) : null),
    chart,
    measurements.length
      ? h(
          'table',
          { class: 'visually-hidden' },
          h('caption', {}, summary),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Data'), h('th', { scope: 'col' }, 'Valore'))),
          h('tbody', {}, measurements.map((m) => h('tr', {}, h('td', {}, formatDate(m.measuredAt)), h('td', {}, `${formatNumber(m.value)}${unit}`)))),
        )
      : null,
  );
}
