// A unit's page: its state on a date (kind, parent, head, competencies) and its whole history
// across valid time as known at an instant, each change with the act behind it.
import { getJson, getJsonOrNull, orgPath } from './api.js';
import { h } from './dom.js';
import { actLabel, eventLabel, formatDate, formatInstant, todayDate } from './format.js';
import { knownAtControl } from './known-at-control.js';
import { navigate, routeHash } from './router.js';

/** Longer lists of competencies start collapsed, so that the history stays in view. */
const COMPETENCIES_SHOWN_OPEN = 6;

export async function renderUnit(route) {
  const { org, unitId, params } = route;
  const at = params.at || todayDate();
  const { asKnownAt } = params;
  const unitPath = `${orgPath(org)}/units/${encodeURIComponent(unitId)}`;
  const [current, history, chart] = await Promise.all([
    getJsonOrNull(unitPath, { at, asKnownAt }),
    getJson(`${unitPath}/history`, { asKnownAt }),
    getJson(`${orgPath(org)}/org-chart`, { at, asKnownAt }),
  ]);
  const names = new Map(chart.units.map((unit) => [unit.unitId, unit.name]));
  const ownNames = history.history.filter((e) => (e.type === 'UnitEstablished' || e.type === 'UnitRenamed') && e.change.unitId === unitId);
  if (!names.has(unitId) && ownNames.length) names.set(unitId, ownNames.at(-1).change.name);
  const link = (id) => h('a', { href: routeHash({ view: 'unit', org, unitId: id, params: { at, asKnownAt } }) }, names.get(id) ?? id);
  const unit = current?.unit;
  const title = unit?.name ?? names.get(unitId) ?? unitId;
  const go = (changes) => navigate({ view: 'unit', org, unitId, params: { at, asKnownAt, ...changes } });

  return h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h('p', {}, h('a', { href: routeHash({ view: 'chart', org, params: { at, asKnownAt } }) }, `← Organigramma al ${formatDate(at)}`)),
    h('h2', { id: 'view-title', tabindex: '-1' }, title),
    h(
      'div',
      { class: 'controls control-row' },
      h('label', { for: 'at-date' }, 'Data', h('input', { id: 'at-date', type: 'date', value: at, onchange: (e) => e.target.value && go({ at: e.target.value }) })),
      knownAtControl(asKnownAt, (instant) => go({ asKnownAt: instant })),
    ),
    unit ? currentState(unit, at, link) : h('p', { class: 'notice' }, `L'unità non è attiva al ${formatDate(at)} (non ancora istituita o soppressa); la sua storia è qui sotto.`),
    h('h3', {}, 'Storia'),
    h('p', { class: 'basis' }, `Tutte le date di validità, come noto al ${formatInstant(history.asKnownAt)}`),
    historyTable(history.history, link),
  );
}

function currentState(unit, at, link) {
  return h(
    'div',
    { class: 'unit-state' },
    h(
      'dl',
      {},
      h('dt', {}, 'Tipo'),
      h('dd', {}, unit.kind),
      h('dt', {}, 'Dipende da'),
      h('dd', {}, unit.parentId ? link(unit.parentId) : 'nessuna unità (vertice)'),
      h('dt', {}, `Responsabile al ${formatDate(at)}`),
      h('dd', {}, unit.head ? `${unit.head.person}${unit.head.title ? ` (${unit.head.title})` : ''}` : 'non indicato'),
    ),
    unit.competencies.length
      ? h(
          'details',
          { class: 'competencies-box', open: unit.competencies.length <= COMPETENCIES_SHOWN_OPEN },
          h('summary', {}, h('h3', {}, `Competenze al ${formatDate(at)} (${unit.competencies.length})`)),
          h('ul', { class: 'competencies' }, unit.competencies.map((c) => h('li', {}, c.text))),
        )
      : h('p', { class: 'empty' }, 'Nessuna competenza registrata.'),
  );
}

function historyTable(entries, link) {
  return h(
    'table',
    { class: 'history' },
    h('caption', { class: 'visually-hidden' }, 'Cambiamenti dell\u2019unità in ordine di data di validità'),
    h('thead', {}, h('tr', {}, ['Valida dal', 'Cambiamento', 'Atto', 'Registrato'].map((label) => h('th', { scope: 'col' }, label)))),
    h(
      'tbody',
      {},
      entries.map((entry) =>
        h(
          'tr',
          {},
          h('td', { class: 'nowrap' }, formatDate(entry.effectiveFrom), approximateNote(entry)),
          h('td', {}, h('strong', {}, eventLabel(entry.type)), h('br'), describeChange(entry, link)),
          h('td', {}, entry.act?.url ? h('a', { href: entry.act.url, rel: 'noreferrer' }, actLabel(entry.act)) : actLabel(entry.act)),
          h('td', { class: 'nowrap' }, formatInstant(entry.recordedAt), h('br'), h('span', { class: 'muted' }, entry.recordedBy)),
        ),
      ),
    ),
  );
}

function approximateNote(entry) {
  const qualifiers = entry.provenance?.qualifiers ?? [];
  if (qualifiers.length === 0) return null;
  return h(
    'details',
    { class: 'qualifiers' },
    h('summary', {}, qualifiers.map((q) => (q.kind === 'approximate' ? 'approssimata' : q.kind === 'inferred' ? 'dedotta' : q.kind)).join(', ')),
    h('ul', {}, qualifiers.map((q) => h('li', {}, `${q.field}: ${q.reason}`))),
  );
}

function describeChange({ type, change }, link) {
  switch (type) {
    case 'UnitEstablished':
      return [`${change.name} (${change.kind})`, change.parentId ? [', sotto ', link(change.parentId)] : ''];
    case 'UnitRenamed':
      return `nuovo nome: ${change.name}`;
    case 'UnitMoved':
      return change.parentId ? ['ora sotto ', link(change.parentId)] : 'ora al vertice';
    case 'UnitReclassified':
      return `nuovo tipo: ${change.kind}`;
    case 'UnitDissolved':
      return change.successorIds?.length ? ['subentrano: ', change.successorIds.map((id, i) => [i ? ', ' : '', link(id)])] : 'senza successori';
    case 'CompetencyAssigned':
      return change.text;
    case 'CompetencyWithdrawn':
      return `competenza ${change.competencyId}`;
    case 'CompetencyTransferred':
      return ['da ', link(change.fromUnitId), ' a ', link(change.toUnitId)];
    case 'HeadAppointed':
      return `${change.person}${change.title ? ` (${change.title})` : ''}`;
    default:
      return '';
  }
}
