// The org chart of an org on a date (valid time) as known at an instant (system time), with a
// timeline slider over the dates on which it changed and, optionally, the differences from a
// second date (units added, gone, renamed, moved) marked on the tree.
import { getJson, orgPath } from './api.js';
import { changeDates } from './change-dates.js';
import { diffCharts, marksByUnit } from './chart-diff.js';
import { h } from './dom.js';
import { actLabel, formatDate, formatInstant, plural, todayDate } from './format.js';
import { knownAtControl } from './known-at-control.js';
import { navigate, routeHash } from './router.js';

export async function renderOrgChart(route) {
  const { org, params } = route;
  const at = params.at || todayDate();
  const { asKnownAt, compare } = params;
  const go = (changes) => navigate({ view: 'chart', org, params: { at, compare, asKnownAt, ...changes } });
  const chartAt = (date) => getJson(`${orgPath(org)}/org-chart`, { at: date, asKnownAt, shape: 'tree' });
  const [stops, chart, compared] = await Promise.all([changeDates(org, asKnownAt), chartAt(at), compare ? chartAt(compare) : null]);

  const units = flatten(chart.units);
  const diff = compared ? diffCharts(flatten(compared.units), units) : null;
  const marks = diff ? marksByUnit(diff) : new Map();
  const names = new Map([...(compared ? flatten(compared.units) : []), ...units].map((unit) => [unit.unitId, unit.name]));
  const unitLink = (unitId) => routeHash({ view: 'unit', org, unitId, params: { at, asKnownAt } });

  return h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h('h2', { id: 'view-title', tabindex: '-1' }, `Organigramma al ${formatDate(at)}`),
    h('p', { class: 'basis' }, `${plural(units.length, 'unità attiva', 'unità attive')} · come noto al ${formatInstant(chart.asKnownAt)}`),
    h(
      'div',
      { class: 'controls' },
      timeline(stops, at, (date) => go({ at: date })),
      h(
        'div',
        { class: 'control-row' },
        h('label', { for: 'at-date' }, 'Data', h('input', { id: 'at-date', type: 'date', value: at, onchange: (e) => e.target.value && go({ at: e.target.value }) })),
        compareControl(stops, compare, at, (date) => go({ compare: date || undefined })),
        knownAtControl(asKnownAt, (instant) => go({ asKnownAt: instant })),
      ),
    ),
    diff ? diffSummary(diff, compare, at, names, unitLink) : null,
    h('div', { class: 'org-tree', role: 'list', 'aria-label': 'Unità organizzative' }, chart.units.map((node) => h('div', { role: 'listitem', class: 'root-unit' }, unitNode(node, marks, names, unitLink)))),
    chart.units.length === 0 ? h('p', { class: 'empty' }, `Nessuna unità attiva al ${formatDate(at)}.`) : null,
  );
}

function flatten(nodes) {
  return nodes.flatMap(({ children, ...unit }) => [unit, ...flatten(children ?? [])]);
}

function timeline(stops, at, onPick) {
  if (stops.length === 0) return h('p', { class: 'empty' }, 'Nessun cambiamento registrato.');
  const index = Math.max(0, stops.findLastIndex((stop) => stop.date <= at));
  const describe = (i) => `${formatDate(stops[i].date)}${stops[i].acts.length ? ` — ${stops[i].acts.map(actLabel).join('; ')}` : ''}`;
  const output = h('output', { id: 'timeline-value', for: 'timeline' }, describe(index));
  const slider = h('input', {
    id: 'timeline',
    type: 'range',
    min: 0,
    max: stops.length - 1,
    step: 1,
    value: index,
    'aria-valuetext': formatDate(stops[index].date),
    oninput: (e) => {
      output.textContent = describe(Number(e.target.value));
      e.target.setAttribute('aria-valuetext', formatDate(stops[Number(e.target.value)].date));
    },
    onchange: (e) => onPick(stops[Number(e.target.value)].date),
  });
  return h(
    'div',
    { class: 'timeline' },
    // One stop leaves nothing to slide through: its button alone is shown.
    stops.length > 1 ? [h('label', { for: 'timeline' }, 'Date dei cambiamenti'), slider, output] : h('span', { class: 'label' }, 'Unica data di cambiamento'),
    h(
      'ol',
      { class: 'timeline-stops', 'aria-label': 'Vai a una data di cambiamento' },
      stops.map((stop, i) => h('li', {}, h('button', { type: 'button', 'aria-pressed': String(stop.date === at), title: describe(i), onclick: () => onPick(stop.date) }, formatDate(stop.date)))),
    ),
  );
}

function compareControl(stops, compare, at, onPick) {
  const earlier = stops.filter((stop) => stop.date < at).at(-1);
  return h(
    'div',
    { class: 'compare' },
    h(
      'label',
      { for: 'compare' },
      'Confronta con',
      h(
        'select',
        { id: 'compare', onchange: (e) => onPick(e.target.value) },
        h('option', { value: '' }, 'nessun confronto'),
        [...new Set([...stops.map((stop) => stop.date), ...(compare ? [compare] : [])])].sort().map((date) => h('option', { value: date, selected: date === compare }, formatDate(date))),
      ),
    ),
    earlier ? h('button', { type: 'button', onclick: () => onPick(earlier.date) }, 'Confronta con il cambiamento precedente') : null,
  );
}

function diffSummary(diff, compare, at, names, unitLink) {
  const { added, gone, renamed, moved } = diff;
  return h(
    'section',
    { class: 'diff-summary', 'aria-labelledby': 'diff-title' },
    h('h3', { id: 'diff-title' }, `Differenze dal ${formatDate(compare)} al ${formatDate(at)}`),
    h(
      'ul',
      { class: 'diff-counts' },
      h('li', { class: 'mark-added' }, plural(added.length, 'nuova', 'nuove')),
      h('li', { class: 'mark-gone' }, plural(gone.length, 'non più presente', 'non più presenti')),
      h('li', { class: 'mark-renamed' }, plural(renamed.length, 'rinominata', 'rinominate')),
      h('li', { class: 'mark-moved' }, plural(moved.length, 'spostata', 'spostate')),
    ),
    gone.length
      ? h('div', { class: 'gone-units' }, h('h4', {}, 'Non più presenti'), h('ul', {}, gone.map((unit) => h('li', { class: 'mark-gone' }, h('a', { href: unitLink(unit.unitId) }, unit.name), ` (${unit.kind}${unit.parentId ? `, sotto ${names.get(unit.parentId) ?? unit.parentId}` : ''})`))))
      : null,
  );
}

function unitNode(node, marks, names, unitLink) {
  const mark = marks.get(node.unitId) ?? {};
  const classes = ['unit', ...Object.keys(mark).map((kind) => `mark-${kind}`)].join(' ');
  return h(
    'div',
    { class: classes, dataset: { unitId: node.unitId } },
    h(
      'div',
      { class: 'unit-line' },
      h('a', { href: unitLink(node.unitId), class: 'unit-name' }, node.name),
      h('span', { class: 'kind' }, node.kind),
      mark.added ? h('span', { class: 'badge badge-added' }, 'nuova') : null,
      mark.renamed !== undefined ? h('span', { class: 'badge badge-renamed' }, `rinominata, prima: ${mark.renamed}`) : null,
      mark.moved !== undefined ? h('span', { class: 'badge badge-moved' }, `spostata, prima sotto: ${mark.moved === null ? 'nessuna' : (names.get(mark.moved) ?? mark.moved)}`) : null,
    ),
    node.head || node.competencies.length
      ? h('p', { class: 'unit-meta' }, [node.head ? `Responsabile: ${node.head.person}${node.head.title ? ` (${node.head.title})` : ''}` : null, node.competencies.length ? plural(node.competencies.length, 'competenza', 'competenze') : null].filter(Boolean).join(' · '))
      : null,
    node.children.length ? h('ul', { class: 'children' }, node.children.map((child) => h('li', {}, unitNode(child, marks, names, unitLink)))) : null,
  );
}
