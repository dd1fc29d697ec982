// The organigram of an org on a date (valid time) as known at an instant (system time): the
// SVG chart (org-chart-svg.js), the date controls (a slider over the change dates, any date in
// gg/mm/aaaa), "come noto al" over the real recording instants, and an optional comparison —
// with a second date, or with a second "come noto al" on the same date — whose every change
// (the API's diff: units, heads, competencies, with the events and acts behind each) is marked
// on the chart and listed beside it. Requests: the org chart (1), the timeline (1, shared by
// every view and instant), the diff when comparing (1).
import { ApiError, getJson, orgPath } from './api.js';
import { changeLabel, COVERAGE_LABELS, EVIDENCE_LABELS, EVIDENCE_STATUSES, plural } from './catalogue.js';
import { dateField, knownAtField, knownPositionAt } from './controls.js';
import { h, svg } from './dom.js';
import { actLabel, formatDate, formatInstant, formatShortDate, todayDate } from './format.js';
import { marksOf } from './chart-marks.js';
import { orgChartSvg } from './org-chart-svg.js';
import { orderTree } from './org-order.js';
import { navigate, routeHash } from './router.js';

/** Branches the reader collapsed, kept while the page is open (per org). */
const collapsedByOrg = new Map();

export const timelineOf = (org) => getJson(`${orgPath(org)}/timeline`, {}, { allowStale: true });

/** The page's message when "come noto al" is before anything was recorded (no request is made). */
export function beforeAnyData(asKnownAt, timeline) {
  const first = timeline.recordings[0];
  if (!asKnownAt || !first || asKnownAt >= first.firstRecordedAt) return null;
  return h(
    'div',
    { class: 'notice-box', role: 'status' },
    h('h3', {}, 'Nessun dato registrato a quell’istante'),
    h('p', {}, `Al ${formatInstant(asKnownAt)} questo ente non aveva ancora dati registrati: il primo dato è stato registrato il ${formatInstant(first.firstRecordedAt)}. Scegli un istante successivo in «Come noto al», o «Adesso».`),
  );
}

export async function renderOrgChart(route, context) {
  const { org, params } = route;
  const at = params.at || todayDate();
  const { asKnownAt, compare, compareKnownAt } = params;
  const go = (changes) => navigate({ view: 'chart', org, params: { at, compare, compareKnownAt, asKnownAt, ...changes } });
  const timeline = await timelineOf(org);
  const known = knownPositionAt(timeline.recordings, asKnownAt);
  const stops = timeline.changeDates.filter((stop) => stop.firstPosition <= known);
  const deadEnd = beforeAnyData(asKnownAt, timeline);

  const tools = h('span', { class: 'chart-tools' });
  const controls = chartControls({ org, at, asKnownAt, compare, compareKnownAt, stops, timeline, go, tools });
  const head = (basis, extra) =>
    h('div', { class: 'view-head' }, h('h2', { id: 'view-title', tabindex: '-1' }, `Organigramma al ${formatDate(at)}`), basis ? h('p', { class: 'basis' }, basis) : null, extra);
  if (deadEnd) return h('section', { class: 'view', 'aria-labelledby': 'view-title' }, head(null), controls, deadEnd);

  const diffParams = compareKnownAt !== undefined ? { at, asKnownFrom: compareKnownAt, asKnownTo: asKnownAt ?? timeline.recordings.at(-1)?.asKnownAt ?? timeline.asKnownAt } : compare ? { from: compare < at ? compare : at, to: compare < at ? at : compare, asKnownAt } : null;
  let chart;
  let diff;
  try {
    [chart, diff] = await Promise.all([getJson(`${orgPath(org)}/org-chart`, { at, asKnownAt, shape: 'tree' }), diffParams ? getJson(`${orgPath(org)}/org-chart/diff`, diffParams) : null]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && asKnownAt) {
      return h('section', { class: 'view', 'aria-labelledby': 'view-title' }, head(null), controls, h('div', { class: 'notice-box', role: 'status' }, h('p', {}, `Al ${formatInstant(asKnownAt)} questo ente non era ancora registrato. Scegli un istante successivo.`)));
    }
    throw error;
  }

  const roots = orderTree(chart.units);
  const all = flatten(roots);
  const names = new Map(all.map((unit) => [unit.unitId, unit.name]));
  for (const row of diff?.changes ?? []) if (row.unitId && row.unitName && !names.has(row.unitId)) names.set(row.unitId, row.unitName);
  const marks = diff ? marksOf(diff.changes, names) : new Map();
  const collapsed = collapsedByOrg.get(org) ?? new Set();
  collapsedByOrg.set(org, collapsed);
  const unitHref = (unitId) => routeHash({ view: 'unit', org, unitId, params: { at, asKnownAt } });

  const chartBox = h('div', { class: 'chart-scroll', id: 'org-chart', tabindex: '-1' });
  const draw = () => {
    const width = Math.max(320, (chartBox.clientWidth || window.innerWidth - (diff && window.innerWidth > 900 ? 380 : 40)) - 4);
    const focused = document.activeElement?.dataset?.toggle;
    chartBox.replaceChildren(orgChartSvg(roots, marks, { width, orgName: context.orgName(org), collapsed, unitHref, onToggle: toggle }));
    if (focused) chartBox.querySelector(`[data-toggle="${CSS.escape(focused)}"]`)?.focus();
  };
  const toggle = (unitId) => {
    if (collapsed.has(unitId)) collapsed.delete(unitId);
    else collapsed.add(unitId);
    draw();
  };
  tools.replaceChildren(h('button', { type: 'button', onclick: () => (roots.forEach((r) => collectBranches(r, collapsed)), draw()) }, 'Comprimi tutto'), h('button', { type: 'button', onclick: () => (collapsed.clear(), draw()) }, 'Espandi tutto'));
  context.onMounted(() => {
    draw();
    context.onResize(draw);
  });

  const coverage = chart.coverage
    ? h(
        'p',
        { class: `coverage coverage-${chart.coverage.status}` },
        COVERAGE_LABELS[chart.coverage.status] ?? chart.coverage.status,
        chart.coverage.sources?.length ? [': ', chart.coverage.sources.map((id, i) => [i ? ', ' : '', h('a', { href: routeHash({ view: 'source', org, sourceId: id }), title: id }, id.split('-').slice(0, 2).join(' '))])] : '',
      )
    : null;
  const basis = `${plural(all.length, 'activeUnit')} · come noto al ${formatInstant(chart.asKnownAt)} · posizione ${chart.position}`;
  return h(
    'section',
    { class: 'view chart-view', 'aria-labelledby': 'view-title' },
    head(basis, coverage),
    controls,
    h(
      'div',
      { class: `chart-layout${diff ? ' with-diff' : ''}` },
      h(
        'div',
        { class: 'chart-area' },
        chartBox,
        all.length === 0 ? h('p', { class: 'empty' }, `Nessuna unità attiva al ${formatDate(at)}.`) : null,
        legend(),
      ),
      diff ? diffList(diff, names, compare, compareKnownAt, at, asKnownAt, knownSources(chart, all), org) : null,
    ),
    h('p', { class: 'print-basis' }, `Base: data ${formatShortDate(at)}, come noto al ${formatInstant(chart.asKnownAt)} (asKnownAt ${chart.asKnownAt}), posizione ${chart.position}. Stampato il ${formatInstant(new Date().toISOString())}.`),
  );
}

function collectBranches(node, into) {
  if (node.children.length) into.add(node.unitId);
  node.children.forEach((child) => collectBranches(child, into));
}

function flatten(nodes) {
  return nodes.flatMap((node) => [node, ...flatten(node.children ?? [])]);
}

function chartControls({ org, at, asKnownAt, compare, compareKnownAt, stops, timeline, go, tools }) {
  const index = stops.findLastIndex((stop) => stop.date <= at);
  const describe = (i) => (i < 0 ? 'prima del primo cambiamento' : `${formatDate(stops[i].date)}${stops[i].acts.length ? ` — ${stops[i].acts.map(actLabel).join('; ')}` : ''}`);
  const output = h('output', { id: 'timeline-value', for: 'timeline', class: 'timeline-value' }, describe(index));
  const slider = stops.length
    ? h('input', {
        id: 'timeline',
        type: 'range',
        min: 0,
        max: Math.max(0, stops.length - 1),
        step: 1,
        value: Math.max(0, index),
        'aria-valuetext': describe(Math.max(0, index)),
        oninput: (e) => {
          output.textContent = describe(Number(e.target.value));
          e.target.setAttribute('aria-valuetext', describe(Number(e.target.value)));
        },
        onchange: (e) => go({ at: stops[Number(e.target.value)].date }),
      })
    : null;
  const pdf = (extra) => `/api/v1${orgPath(org)}/org-chart?${new URLSearchParams({ at, ...(asKnownAt ? { asKnownAt } : {}), format: 'pdf', ...extra })}`;
  return h(
    'form',
    { class: 'controls', 'aria-label': 'Scelta della data e del confronto', onsubmit: (e) => e.preventDefault() },
    h(
      'div',
      { class: 'control-row' },
      dateField({ id: 'at-date', label: 'Data', value: at, suggestions: stops.map((s) => s.date), onPick: (date) => date && go({ at: date }) }),
      slider ? h('span', { class: 'field timeline' }, h('label', { for: 'timeline' }, 'Date dei cambiamenti'), slider, output) : h('span', { class: 'muted' }, 'Nessun cambiamento registrato'),
      h('span', { class: 'field tools' }, tools, h('a', { href: pdf({}), class: 'button-link' }, 'PDF'), h('a', { href: pdf({ competencies: 'true' }), class: 'button-link' }, 'PDF con competenze'), h('button', { type: 'button', onclick: () => window.print() }, 'Stampa')),
    ),
    h(
      'div',
      { class: 'control-row' },
      dateField({ id: 'compare', label: 'Confronta con', value: compare, suggestions: stops.map((s) => s.date), onPick: (date) => go({ compare: date, compareKnownAt: undefined }) }),
      knownAtField({ id: 'compare-known-at', label: 'o con come noto al', asKnownAt: compareKnownAt, recordings: timeline.recordings, noneLabel: 'nessun confronto', free: false, onPick: (instant) => go({ compareKnownAt: instant, compare: undefined }) }),
      knownAtField({ asKnownAt, recordings: timeline.recordings, onPick: (instant) => go({ asKnownAt: instant }) }),
    ),
  );
}

/** Registered sources the answer names (coverage, and every unit's and competency's evidence): an act among them links to its text. */
function knownSources(chart, units) {
  const ids = new Set(chart.coverage?.sources ?? []);
  for (const unit of units) {
    for (const id of unit.evidence?.sources ?? []) ids.add(id);
    for (const c of unit.competencies ?? []) for (const id of c.evidence?.sources ?? []) ids.add(id);
  }
  return ids;
}

function diffList(diff, names, compare, compareKnownAt, at, asKnownAt, sources, org) {
  const title = compareKnownAt !== undefined ? `Differenze al ${formatDate(at)} tra come noto al ${formatInstant(compareKnownAt)} e ${asKnownAt ? `al ${formatInstant(asKnownAt)}` : 'adesso'}` : `Differenze dal ${formatDate(compare < at ? compare : at)} al ${formatDate(compare < at ? at : compare)}`;
  const name = (id) => (id ? (names.get(id) ?? id) : 'nessuna (vertice)');
  const value = (row, v) => (v === null ? '—' : row.change === 'unit-moved' || row.change === 'competency-moved' ? name(v) : v);
  const focusBox = (unitId) => {
    const box = document.querySelector(`.org-chart-svg a[data-unit-id="${CSS.escape(unitId)}"]`);
    box?.scrollIntoView({ block: 'center', inline: 'center' });
    box?.focus();
  };
  const counts = Map.groupBy(diff.changes, (row) => row.change);
  return h(
    'aside',
    { class: 'diff-list', 'aria-labelledby': 'diff-title' },
    h('h3', { id: 'diff-title' }, title),
    h('p', { class: 'diff-counts' }, diff.changes.length ? [...counts.entries()].map(([change, rows]) => `${changeLabel(change)}: ${rows.length}`).join(' · ') : 'Nessuna differenza.'),
    h(
      'ol',
      { class: 'diff-rows' },
      diff.changes.map((row) =>
        h(
          'li',
          { class: `diff-row change-${row.change}`, dataset: { change: row.change, unitId: row.unitId ?? '' } },
          h('strong', {}, changeLabel(row.change)),
          ' ',
          row.unitId && names.has(row.unitId) ? h('button', { type: 'button', class: 'link-button', onclick: () => focusBox(row.unitId) }, row.unitName ?? name(row.unitId)) : h('span', {}, row.unitName ?? ''),
          row.competencyText ? h('p', { class: 'competency-text' }, row.competencyText) : null,
          row.change !== 'unit-established' && row.change !== 'competency-assigned' && (row.from !== null || row.to !== null) ? h('p', { class: 'from-to' }, `${value(row, row.from)} → ${value(row, row.to)}`) : null,
          h(
            'ul',
            { class: 'diff-events' },
            row.events.map((event) =>
              h(
                'li',
                {},
                `${formatShortDate(event.effectiveFrom)} · `,
                event.act && sources.has(event.act.id) ? h('a', { href: routeHash({ view: 'source', org, sourceId: event.act.id }) }, actLabel(event.act)) : actLabel(event.act),
                ` · registrato ${formatInstant(event.recordedAt)}`,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function legend() {
  const sample = (status) => svg('svg', { width: 26, height: 16, 'aria-hidden': 'true', class: `legend-sample ev-${status}` }, svg('rect', { x: 1, y: 1, width: 24, height: 14, rx: 3, class: 'box' }));
  return h(
    'details',
    { class: 'legend', open: true },
    h('summary', {}, 'Legenda dello stato delle evidenze'),
    h('ul', {}, EVIDENCE_STATUSES.map((status) => h('li', {}, sample(status), h('strong', {}, EVIDENCE_LABELS[status].label), ` — ${EVIDENCE_LABELS[status].meaning}`))),
    h('p', { class: 'muted' }, 'Senza indicazione: l’evidenza non è ancora disponibile per questa unità. Nel confronto: verde nuova, ambra rinominata, viola spostata, blu responsabile o competenze cambiate.'),
  );
}
