// The Piano degli Obiettivi of a year: objectives grouped by owning unit, filtered by
// directorate; each objective links to its unit and, opened, shows its statements over the
// plan years, its revisions with their acts, and its indicators with their targets — as a chart
// of the measurements, or "nessuna misurazione" (never an empty chart). With a token an editor
// records a measurement from the page. Requests: the PDO (1) and the org chart (1, for names);
// an opened objective its history (1) and the measurements of indicators that have any (at
// most MEASURED_LOADED_AT_ONCE; the others load when their own panel is opened).
import { ApiError, getJson, orgPath, postJson } from './api.js';
import { plural } from './catalogue.js';
import { dateField, knownAtField } from './controls.js';
import { fill, h } from './dom.js';
import { actLabel, eventLabel, formatDate, formatNumber } from './format.js';
import { indicatorChart } from './indicator-chart.js';
import { beforeAnyData, timelineOf } from './org-chart-view.js';
import { navigate, routeHash } from './router.js';
import { currentToken } from './token.js';

const MEASURED_LOADED_AT_ONCE = 2;
/** Objectives open in the page: kept open (and reloaded) when a live change re-renders it. */
const openObjectives = new Set();

function flatten(nodes) {
  return nodes.flatMap((node) => [node, ...flatten(node.children ?? [])]);
}

export async function renderPdo(route, context) {
  const { org, params } = route;
  const year = Number(params.year) || new Date().getFullYear();
  const { asKnownAt, unit: directorate } = params;
  if (params.open) openObjectives.add(params.open);
  const go = (changes) => navigate({ view: 'pdo', org, params: { year, unit: directorate, asKnownAt, ...changes } });
  const timeline = await timelineOf(org);
  const controlsOf = (names, units) =>
    h(
      'form',
      { class: 'controls control-row', onsubmit: (e) => e.preventDefault() },
      h('span', { class: 'field year-picker' }, h('button', { type: 'button', onclick: () => go({ year: year - 1 }) }, `← ${year - 1}`), h('label', { for: 'pdo-year' }, 'Anno'), h('input', { id: 'pdo-year', type: 'number', min: 1900, max: 2200, value: year, onchange: (e) => /^\d{4}$/.test(e.target.value) && go({ year: e.target.value }) }), h('button', { type: 'button', onclick: () => go({ year: year + 1 }) }, `${year + 1} →`)),
      units ? h('span', { class: 'field' }, h('label', { for: 'pdo-unit' }, 'Direzione'), h('select', { id: 'pdo-unit', onchange: (e) => go({ unit: e.target.value || undefined }) }, h('option', { value: '' }, 'tutte'), units.map((id) => h('option', { value: id, selected: id === directorate }, names.get(id) ?? id)))) : null,
      knownAtField({ asKnownAt, recordings: timeline.recordings, onPick: (instant) => go({ asKnownAt: instant }) }),
    );
  const deadEnd = beforeAnyData(asKnownAt, timeline);
  if (deadEnd) return h('section', { class: 'view', 'aria-labelledby': 'view-title' }, h('h2', { id: 'view-title', tabindex: '-1' }, `Piano degli Obiettivi ${year}`), controlsOf(new Map(), null), deadEnd);

  const [pdo, chart] = await Promise.all([getJson(`${orgPath(org)}/pdo`, { year, asKnownAt }), getJson(`${orgPath(org)}/org-chart`, { at: `${year}-12-31`, asKnownAt, shape: 'tree' }, { allowStale: true })]);
  const units = flatten(chart.units);
  const names = new Map(units.map((unit) => [unit.unitId, unit.name]));
  const parents = new Map(units.map((unit) => [unit.unitId, unit.parentId]));
  /** The top-level unit (directorate) an objective's unit belongs to. */
  const directorateOf = (unitId) => {
    let id = unitId;
    for (let guard = 0; parents.get(id) && guard < 50; guard++) id = parents.get(id);
    return id;
  };
  const byUnit = Map.groupBy(pdo.objectives, (objective) => objective.unitId);
  const directorates = [...new Set(pdo.objectives.map((o) => directorateOf(o.unitId)))].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'it'));
  const shownUnits = [...byUnit.keys()].filter((id) => !directorate || directorateOf(id) === directorate).sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'it'));
  const ctx = { org, year, asKnownAt, names, context };
  const shown = shownUnits.reduce((sum, id) => sum + byUnit.get(id).length, 0);

  return h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h('h2', { id: 'view-title', tabindex: '-1' }, `Piano degli Obiettivi ${year}`),
    h('p', { class: 'basis' }, `${plural(shown, 'objective')} di ${shownUnits.length} unità${directorate ? ` (${names.get(directorate) ?? directorate})` : ''} · come noto al ${pdo.asKnownAt.slice(0, 19).replace('T', ' ')} UTC · posizione ${pdo.position}`),
    controlsOf(names, directorates),
    shown === 0 ? h('p', { class: 'empty' }, `Nessun obiettivo per il ${year}.`) : null,
    shownUnits.map((unitId) =>
      h(
        'section',
        { class: 'pdo-unit', 'aria-label': names.get(unitId) ?? unitId },
        h('h3', {}, h('a', { href: routeHash({ view: 'unit', org, unitId, params: { at: `${year}-12-31`, asKnownAt } }) }, names.get(unitId) ?? unitId), h('span', { class: 'count' }, ` ${plural(byUnit.get(unitId).length, 'objective')}`)),
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
    h('summary', {}, objective.title, objective.indicators.length ? h('span', { class: 'badge' }, plural(objective.indicators.length, 'indicator')) : null, objective.status === 'withdrawn' ? h('span', { class: 'badge badge-gone' }, 'ritirato') : null),
    body,
  );
  let loaded = false;
  const load = () => {
    if (loaded) return;
    loaded = true;
    fillObjective(body, objective, ctx).catch((error) => fill(body, h('p', { class: 'error' }, error.message)));
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

const measurementsOf = (org, indicatorId, asKnownAt) => getJson(`${orgPath(org)}/indicators/${encodeURIComponent(indicatorId)}/measurements`, { asKnownAt });

async function fillObjective(body, objective, { org, asKnownAt, names, year, context }) {
  const base = orgPath(org);
  const measured = objective.indicators.filter((indicator) => indicator.latest !== null);
  const eager = new Set(measured.slice(0, MEASURED_LOADED_AT_ONCE).map((i) => i.indicatorId));
  const [history, ...series] = await Promise.all([getJson(`${base}/objectives/${encodeURIComponent(objective.objectiveId)}/history`, { asKnownAt }, { allowStale: context.fromLive }), ...[...eager].map((id) => measurementsOf(org, id, asKnownAt))]);
  const loaded = new Map([...eager].map((id, i) => [id, series[i].measurements]));
  fill(
    body,
    h('p', { class: 'muted' }, [objective.plan, `in vigore dal ${formatDate(objective.effectiveFrom)}`, objective.objectiveId].filter(Boolean).join(' · '), ' · unità: ', h('a', { href: routeHash({ view: 'unit', org, unitId: objective.unitId, params: { at: `${year}-12-31`, asKnownAt } }) }, names.get(objective.unitId) ?? objective.unitId)),
    objective.links.length ? h('ul', { class: 'links' }, objective.links.map((link) => h('li', {}, `${link.kind.replaceAll('-', ' ')}: ${link.title}`))) : null,
    statementsTable(objective.years),
    h('h4', {}, 'Revisioni'),
    h('ol', { class: 'revisions' }, history.history.map((entry) => h('li', {}, `${formatDate(entry.effectiveFrom)} — ${eventLabel(entry.type)}${revisionDetail(entry.change)} — ${actLabel(entry.act)}`))),
    objective.indicators.length ? h('h4', {}, 'Indicatori') : null,
    objective.indicators.map((indicator) => indicatorBlock(indicator, loaded.get(indicator.indicatorId), { org, asKnownAt, context })),
  );
}

function indicatorBlock(indicator, measurements, { org, asKnownAt, context }) {
  const unit = indicator.unit ? ` ${indicator.unit}` : '';
  const target = `target ${formatNumber(indicator.target)}${unit}`;
  const holder = h('div', { class: 'indicator-block', dataset: { indicatorId: indicator.indicatorId } });
  const form = !asKnownAt && currentToken() ? measurementForm(indicator, org, context) : null;
  if (indicator.latest === null) {
    fill(holder, h('p', {}, h('strong', {}, indicator.description), ` — ${target}. `, h('span', { class: 'empty' }, 'Nessuna misurazione registrata: nessun grafico da mostrare.')), form);
    return holder;
  }
  if (measurements) {
    fill(holder, indicatorChart(indicator, measurements), form);
    return holder;
  }
  const lazy = h('details', { class: 'indicator-lazy' }, h('summary', {}, `${indicator.description} — ${target}, ultima ${formatNumber(indicator.latest.value)}${unit} al ${formatDate(indicator.latest.measuredAt)}`));
  lazy.addEventListener('toggle', async () => {
    if (!lazy.open || lazy.dataset.loaded) return;
    lazy.dataset.loaded = 'true';
    const answer = await measurementsOf(org, indicator.indicatorId, asKnownAt);
    lazy.append(indicatorChart(indicator, answer.measurements));
  });
  fill(holder, lazy, form);
  return holder;
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

let formCount = 0;
function measurementForm(indicator, org, context) {
  const n = ++formCount;
  let measuredAt;
  const status = h('p', { class: 'form-status', role: 'status' });
  const value = h('input', { id: `m-value-${n}`, type: 'text', inputmode: 'decimal', size: 8, required: true });
  const note = h('input', { id: `m-note-${n}`, type: 'text', size: 20, maxlength: 500 });
  return h(
    'form',
    {
      class: 'measurement-form',
      'aria-label': `Registra una misurazione di ${indicator.description}`,
      onsubmit: async (event) => {
        event.preventDefault();
        const number = Number(value.value.replace(/\./g, '').replace(',', '.'));
        if (!Number.isFinite(number) || value.value.trim() === '') return void (status.textContent = 'Valore non valido: scrivi un numero (es. 12,5).');
        if (!measuredAt) return void (status.textContent = 'Data non valida: gg/mm/aaaa.');
        try {
          await postJson(`${orgPath(org)}/indicators/${encodeURIComponent(indicator.indicatorId)}/measurements`, { value: number, measuredAt, ...(note.value.trim() ? { note: note.value.trim() } : {}) });
          status.textContent = `Misurazione registrata: ${formatNumber(number)} al ${formatDate(measuredAt)}.`;
          context.refreshSoon();
        } catch (error) {
          status.textContent = error instanceof ApiError ? error.message : 'Errore imprevisto.';
        }
      },
    },
    h('strong', {}, 'Registra una misurazione'),
    h('span', { class: 'field' }, h('label', { for: `m-value-${n}` }, 'Valore'), value),
    dateField({ id: `m-date-${n}`, label: 'Data', value: undefined, onPick: (iso) => (measuredAt = iso) }),
    h('span', { class: 'field' }, h('label', { for: `m-note-${n}` }, 'Nota'), note),
    h('button', { type: 'submit' }, 'Registra'),
    status,
  );
}
