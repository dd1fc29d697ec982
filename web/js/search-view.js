// Search by text at the chosen date: units (by name) and objectives (by the year's statement)
// from GET /orgs/:org/search, and competencies from GET /orgs/:org/competencies — accent- and
// case-insensitive, every word a prefix. Two requests per search.
import { getJson, orgPath } from './api.js';
import { plural, unitKindLabel } from './catalogue.js';
import { h } from './dom.js';
import { formatDate, todayDate } from './format.js';
import { routeHash } from './router.js';

export async function renderSearch(route) {
  const { org, params } = route;
  const q = (params.q ?? '').trim();
  const at = params.at || todayDate();
  const { asKnownAt } = params;
  const head = h('h2', { id: 'view-title', tabindex: '-1' }, q ? `Risultati per «${q}» al ${formatDate(at)}` : 'Cerca');
  if (!/[\p{L}\p{N}]/u.test(q)) return h('section', { class: 'view' }, head, h('p', { class: 'empty' }, 'Scrivi almeno una parola nel campo «Cerca».'));
  const [found, competencies] = await Promise.all([getJson(`${orgPath(org)}/search`, { q, at, asKnownAt }), getJson(`${orgPath(org)}/competencies`, { q, at, asKnownAt })]);
  const unitLink = (unitId, name) => h('a', { href: routeHash({ view: 'unit', org, unitId, params: { at, asKnownAt } }) }, name);
  return h(
    'section',
    { class: 'view search-view', 'aria-labelledby': 'view-title' },
    head,
    h('p', { class: 'basis' }, `${plural(found.totalUnits, 'unit')}, ${plural(competencies.total, 'competency')}, ${plural(found.totalObjectives, 'objective')} del ${found.year}`),
    h('h3', {}, 'Unità'),
    found.units.length ? h('ul', { class: 'results', 'data-kind': 'units' }, found.units.map((u) => h('li', {}, unitLink(u.unitId, u.name), h('span', { class: 'kind' }, unitKindLabel(u.kind)), u.parents.length ? h('span', { class: 'muted' }, ` in ${u.parents.map((p) => p.name).join(' › ')}`) : null))) : h('p', { class: 'empty' }, 'Nessuna unità.'),
    h('h3', {}, 'Competenze'),
    competencies.competencies.length ? h('ul', { class: 'results', 'data-kind': 'competencies' }, competencies.competencies.map((c) => h('li', {}, h('span', {}, c.text), h('br'), h('span', { class: 'muted' }, 'di '), unitLink(c.unitId, c.unitName)))) : h('p', { class: 'empty' }, 'Nessuna competenza.'),
    h('h3', {}, `Obiettivi del Piano ${found.year}`),
    found.objectives.length ? h('ul', { class: 'results', 'data-kind': 'objectives' }, found.objectives.map((o) => h('li', {}, h('a', { href: routeHash({ view: 'pdo', org, params: { year: found.year, asKnownAt, open: o.objectiveId } }) }, o.title), h('span', { class: 'muted' }, ` · ${o.objectiveId} · `), unitLink(o.unitId, o.unitName ?? o.unitId)))) : h('p', { class: 'empty' }, 'Nessun obiettivo.'),
  );
}
