// One unit: its kind, parent, head and competencies on the date (from the org chart answer the
// chart view already has: no extra request), its evidence, and its whole history in valid time,
// each change with the act behind it, its source and line (a link that opens the text with the
// lines highlighted), and its own qualifiers in Italian with their reason. Requests: the history
// (1), the org chart (1, usually cached).
//
// Own qualifiers: a command's qualifier on `changes/<k>/…` concerns only the event of change k.
// The public history gives the command's qualifiers, so the page shows those that concern every
// event of the command (effectiveFrom, …) and, for the `changes/<k>` ones, counts them as
// concerning other changes of the command; with a token that may read provenance, the history is
// asked with provenance=true, which names exactly the event's own qualifiers.
import { ApiError, getJson, orgPath } from './api.js';
import { evidenceLabel, evidenceStatusOf, qualifiedFieldLabel, qualifierKindLabel, unitKindLabel } from './catalogue.js';
import { dateField, knownAtField } from './controls.js';
import { h } from './dom.js';
import { actLabel, eventLabel, formatDate, formatInstant, formatShortDate, todayDate } from './format.js';
import { beforeAnyData, timelineOf } from './org-chart-view.js';
import { navigate, routeHash } from './router.js';
import { citedLines, sourceHref, sourceLink } from './sources.js';
import { currentToken } from './token.js';

const COMPETENCIES_SHOWN_OPEN = 6;
/** Whether this session's token may ask provenance (learnt from the first try). */
let provenanceAllowed;

function flatten(nodes) {
  return nodes.flatMap((node) => [node, ...flatten(node.children ?? [])]);
}

async function unitHistory(path, asKnownAt) {
  if (currentToken() && provenanceAllowed !== false) {
    try {
      const answer = await getJson(path, { asKnownAt, provenance: 'true' });
      provenanceAllowed = true;
      return { answer, exact: true };
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 403)) throw error;
      provenanceAllowed = false;
    }
  }
  return { answer: await getJson(path, { asKnownAt }), exact: false };
}

export async function renderUnit(route) {
  const { org, unitId, params } = route;
  const at = params.at || todayDate();
  const { asKnownAt } = params;
  const go = (changes) => navigate({ view: 'unit', org, unitId, params: { at, asKnownAt, ...changes } });
  const timeline = await timelineOf(org);
  const controls = h('form', { class: 'controls control-row', onsubmit: (e) => e.preventDefault() }, dateField({ id: 'at-date', label: 'Data', value: at, onPick: (date) => date && go({ at: date }) }), knownAtField({ asKnownAt, recordings: timeline.recordings, onPick: (instant) => go({ asKnownAt: instant }) }));
  const deadEnd = beforeAnyData(asKnownAt, timeline);
  if (deadEnd) return h('section', { class: 'view', 'aria-labelledby': 'view-title' }, h('h2', { id: 'view-title', tabindex: '-1' }, unitId), controls, deadEnd);

  const unitPath = `${orgPath(org)}/units/${encodeURIComponent(unitId)}/history`;
  const [{ answer: history, exact }, chart] = await Promise.all([unitHistory(unitPath, asKnownAt), getJson(`${orgPath(org)}/org-chart`, { at, asKnownAt, shape: 'tree' }, { allowStale: true })]);
  const units = flatten(chart.units);
  const names = new Map(units.map((unit) => [unit.unitId, unit.name]));
  const own = history.history.filter((e) => (e.type === 'UnitEstablished' || e.type === 'UnitRenamed') && e.change.unitId === unitId);
  if (!names.has(unitId) && own.length) names.set(unitId, own.at(-1).change.name);
  const link = (id) => h('a', { href: routeHash({ view: 'unit', org, unitId: id, params: { at, asKnownAt } }) }, names.get(id) ?? id);
  const unit = units.find((u) => u.unitId === unitId);
  const title = unit?.name ?? names.get(unitId) ?? unitId;

  return h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h('p', { class: 'back' }, h('a', { href: routeHash({ view: 'chart', org, params: { at, asKnownAt } }) }, `← Organigramma al ${formatDate(at)}`)),
    h('h2', { id: 'view-title', tabindex: '-1' }, title),
    controls,
    unit ? currentState(unit, at, link, org) : h('p', { class: 'notice' }, `L'unità non è attiva al ${formatDate(at)} (non ancora istituita o soppressa); la sua storia è qui sotto.`),
    h('h3', {}, 'Storia'),
    h('p', { class: 'basis' }, `Tutte le date di validità, come noto al ${formatInstant(history.asKnownAt)} · posizione ${history.position}`),
    historyTable(history.history, link, org, exact),
  );
}

function currentState(unit, at, link, org) {
  const status = evidenceStatusOf(unit.evidence);
  return h(
    'div',
    { class: 'unit-state' },
    h(
      'dl',
      {},
      h('dt', {}, 'Tipo'),
      h('dd', {}, unitKindLabel(unit.kind)),
      h('dt', {}, 'Dipende da'),
      h('dd', {}, unit.parentId ? link(unit.parentId) : 'nessuna unità (vertice)'),
      h('dt', {}, `Responsabile al ${formatDate(at)}`),
      h('dd', {}, unit.head ? `${unit.head.person}${unit.head.title ? ` (${unit.head.title})` : ''}` : 'non indicato'),
      status
        ? [
            h('dt', {}, 'Evidenza'),
            h(
              'dd',
              {},
              `${evidenceLabel(status)}${unit.evidence.lastAttestedOn ? `, ultima attestazione ${formatShortDate(unit.evidence.lastAttestedOn)}` : ''}`,
              unit.evidence.sources?.length ? [' — fonti: ', unit.evidence.sources.map((id, i) => [i ? ', ' : '', h('a', { href: routeHash({ view: 'source', org, sourceId: id }) }, id)])] : null,
            ),
          ]
        : null,
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

function historyTable(entries, link, org, exact) {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'history' },
      h('caption', { class: 'visually-hidden' }, 'Cambiamenti dell’unità in ordine di data di validità'),
      h('thead', {}, h('tr', {}, ['Valida dal', 'Cambiamento', 'Atto e fonte', 'Registrato'].map((label) => h('th', { scope: 'col' }, label)))),
      h(
        'tbody',
        {},
        entries.map((entry) =>
          h(
            'tr',
            {},
            h('td', { class: 'nowrap' }, formatDate(entry.effectiveFrom), qualifierNotes(entry, org, exact)),
            h('td', {}, h('strong', {}, eventLabel(entry.type)), h('br'), describeChange(entry, link)),
            h('td', {}, entry.act?.url ? h('a', { href: entry.act.url, rel: 'noreferrer' }, actLabel(entry.act)) : actLabel(entry.act), entry.provenance?.source ? [h('br'), sourceLink(org, entry.provenance.source)] : null),
            h('td', { class: 'nowrap' }, formatInstant(entry.recordedAt), h('br'), h('span', { class: 'muted' }, entry.recordedBy)),
          ),
        ),
      ),
    ),
  );
}

/** The entry's own qualifiers (see the header), each in Italian with its reason and a link to the lines it cites. */
export function ownQualifiers(entry, exact) {
  if (exact) return { own: entry.qualifiers ?? [], others: 0 };
  const all = entry.provenance?.qualifiers ?? [];
  const own = all.filter((q) => !/^changes\/\d+/.test(q.field));
  return { own, others: all.length - own.length };
}

function qualifierNotes(entry, org, exact) {
  const { own, others } = ownQualifiers(entry, exact);
  if (own.length === 0 && others === 0) return null;
  const document = entry.provenance?.source?.document;
  const summary = own.length ? [...new Set(own.map((q) => `${q.field === 'effectiveFrom' ? 'data' : qualifiedFieldLabel(q.field)} ${qualifierKindLabel(q.kind)}`))].join(', ') : 'note su altre modifiche dello stesso atto';
  return h(
    'details',
    { class: 'qualifiers' },
    h('summary', {}, summary),
    h(
      'ul',
      {},
      own.map((q) => {
        const lines = citedLines(q.reason);
        return h(
          'li',
          {},
          h('strong', {}, `${qualifiedFieldLabel(q.field)}: ${qualifierKindLabel(q.kind)}.`),
          ' Motivazione registrata: ',
          h('q', { lang: /\b(the|is|and|states)\b/.test(q.reason) ? 'en' : 'it' }, q.reason),
          document && lines.length ? [' ', h('a', { href: sourceHref(org, document, lines), class: 'source-link' }, `vedi righe ${lines.join(', ')} della fonte`)] : null,
        );
      }),
      others ? h('li', { class: 'muted' }, `${others === 1 ? 'Un’altra nota riguarda' : `Altre ${others} note riguardano`} altre modifiche dello stesso atto (con un token di revisore sono attribuite a ciascuna).`) : null,
    ),
  );
}

function describeChange({ type, change }, link) {
  switch (type) {
    case 'UnitEstablished':
      return [`${change.name} (${unitKindLabel(change.kind)})`, change.parentId ? [', sotto ', link(change.parentId)] : ''];
    case 'UnitRenamed':
      return `nuovo nome: ${change.name}`;
    case 'UnitMoved':
      return change.parentId ? ['ora sotto ', link(change.parentId)] : 'ora al vertice';
    case 'UnitReclassified':
      return `nuovo tipo: ${unitKindLabel(change.kind)}`;
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
