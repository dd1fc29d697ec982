// The Piano degli Obiettivi of a year: objectives grouped by owning unit (directorate), each
// with its statements over the plan years, its revisions (with acts) and its indicators as
// charts of their measurements against the target. Details load when an objective is opened.
import { getJson, orgPath } from './api.js';
import { fill, h } from './dom.js';
import { actLabel, eventLabel, formatDate, plural } from './format.js';
import { indicatorChart } from './indicator-chart.js';
import { knownAtControl } from './known-at-control.js';
import { navigate, routeHash } from './router.js';

/** Objectives open in the page: kept open (and reloaded) when a live change re-renders it. */
const openObjectives = new Set();

export async function renderPdo(route) {
  const { org, params } = route;
  const year = Number(params.year) || new Date().getFullYear();
  const { asKnownAt } = params;
  const go = (changes) => navigate({ view: 'pdo', org, params: { year, asKnownAt, ...changes } });
  const [pdo, chart] = await Promise.all([getJson(`${orgPath(org)}/pdo`, { year, asKnownAt }), getJson(`${orgPath(org)}/org-chart`, { at: `${year}-12-31`, asKnownAt })]);
  const names = new Map(chart.units.map((unit) => [unit.unitId, unit.name]));
  const byUnit = Map.groupBy(pdo.objectives, (objective) => objective.unitId);
  const units = [...byUnit.keys()].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'it'));
  const ctx = { org, year, asKnownAt, names };

  return h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h('h2', { id: 'view-title', tabindex: '-1' }, `Piano degli Obiettivi ${year}`),
    h('p', { class: 'basis' }, `${plural(pdo.objectives.length, 'obiettivo', 'obiettivi')} di ${units.length} unità`),
    h(
      'div',
      { class: 'controls control-row' },
      h('div', { class: 'year-picker' }, h('button', { type: 'button', onclick: () => go({ year: year - 1 }) }, `← ${year - 1}`), h('label', { for: 'pdo-year' }, 'Anno', h('input', { id: 'pdo-year', type: 'number', min: 1900, max: 2200, value: year, onchange: (e) => /^\d{4}$/.test(e.target.value) && go({ year: e.target.value }) })), h('button', { type: 'button', onclick: () => go({ year: year + 1 }) }, `${year + 1} →`)),
      knownAtControl(asKnownAt, (instant) => go({ asKnownAt: instant })),
    ),
    pdo.objectives.length === 0 ? h('p', { class: 'empty' }, `Nessun obiettivo per il ${year}.`) : null,
    units.map((unitId) =>
      h(
        'section',
        { class: 'pdo-unit', 'aria-label': names.get(unitId) ?? unitId },
        h('h3', {}, h('a', { href: routeHash({ view: 'unit', org, unitId, params: { at: `${year}-12-31`, asKnownAt } }) }, names.get(unitId) ?? unitId), h('span', { class: 'count' }, ` ${plural(byUnit.get(unitId).length, 'obiettivo', 'obiettivi')}`)),
        byUnit.get(unitId).map((objective) => objectiveDetails(objective, ctx)),
      ),
    ),
  );
}

function objectiveDetails(objective, ctx) {
  const body = h('div', { class: 'objective-body' }, h('p', { class: 'muted' }, 'Caricamento…'));
  const details = h(
    'details',
    { class: `objective${objective.status === 'withdrawn' ? ' withdrawn' : ''}`, open: openObjectives.has(objective.objectiveId), dataset: { objectiveId: objective.objectiveId } },
    h('summary', {}, objective.title, objective.indicators.length ? h('span', { class: 'badge' }, `${objective.indicators.length} indicatori`) : null, objective.status === 'withdrawn' ? h('span', { class: 'badge badge-gone' }, 'ritirato') : null),
    body,
  );
  let loaded = false;
  const load = () => {
    if (loaded) return;
    loaded = true;
    fillObjective(body, objective, ctx).catch((error) => fill(body, h('p', { class: 'error' }, `Errore: ${error.message}`)));
  };
  details.addEventListener('toggle', () => {
    if (details.open) {
      openObjectives.add(objective.objectiveId);
      load();
    } else openObjectives.delete(objective.objectiveId);
  });
  if (details.open) load();
  return details;
}

async function fillObjective(body, objective, { org, asKnownAt }) {
  const base = orgPath(org);
  const [history, ...series] = await Promise.all([
    getJson(`${base}/objectives/${encodeURIComponent(objective.objectiveId)}/history`, { asKnownAt }),
    ...objective.indicators.map((indicator) => getJson(`${base}/indicators/${encodeURIComponent(indicator.indicatorId)}/measurements`, { asKnownAt })),
  ]);
  fill(
    body,
    h('p', { class: 'muted' }, [objective.plan, `in vigore dal ${formatDate(objective.effectiveFrom)}`, objective.objectiveId].filter(Boolean).join(' · ')),
    objective.links.length ? h('ul', { class: 'links' }, objective.links.map((link) => h('li', {}, `${link.kind.replaceAll('-', ' ')}: ${link.title}`))) : null,
    statementsTable(objective.years),
    h('h4', {}, 'Revisioni'),
    h('ol', { class: 'revisions' }, history.history.map((entry) => h('li', {}, `${formatDate(entry.effectiveFrom)} — ${eventLabel(entry.type)}${revisionDetail(entry.change)} — ${actLabel(entry.act)}`))),
    objective.indicators.length ? h('h4', {}, 'Indicatori') : null,
    objective.indicators.map((indicator, i) => indicatorChart(indicator, series[i].measurements)),
  );
}

function revisionDetail(change) {
  const detail = [change.description, change.target !== undefined ? `target ${change.target}${change.unit ? ` ${change.unit}` : ''}` : null, change.reason].filter(Boolean).join('; ');
  return detail ? `: ${detail}` : '';
}

function statementsTable(years) {
  if (!years) return h('p', { class: 'muted' }, 'Obiettivo valido per tutti gli anni.');
  const rows = Object.entries(years).sort(([a], [b]) => a.localeCompare(b));
  return h(
    'table',
    { class: 'statements' },
    h('caption', {}, 'Formulazione per anno'),
    h('tbody', {}, rows.map(([y, text], i) => h('tr', { class: i > 0 && rows[i - 1][1] !== text ? 'changed' : '' }, h('th', { scope: 'row' }, y), h('td', {}, text, i > 0 && rows[i - 1][1] !== text ? h('span', { class: 'badge badge-renamed' }, `cambiata rispetto al ${rows[i - 1][0]}`) : null)))),
  );
}
