// The order in which the organigram (the page and the PDF) shows units, the same everywhere:
//   1. top management, in this order: the Direzione Generale, then the Segreteria Generale
//      (names compared without accents or case);
//   2. then by kind — direzione/dipartimento, area, settore/servizio, unità, ufficio, segreteria,
//      any other kind;
//   3. then by name (Italian collation, accents and case ignored), then by id.
// The same rule orders siblings at every depth. Pure: no DOM, so that the server can import it.
const TOP_MANAGEMENT = ['direzione generale', 'segreteria generale'];
const KIND_RANK = { direzione: 0, dipartimento: 0, area: 1, settore: 2, servizio: 2, unita: 3, ufficio: 4, segreteria: 5 };
const collator = new Intl.Collator('it', { sensitivity: 'base', numeric: true });
const plain = (text) => String(text).normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();

function topRank(unit) {
  const index = TOP_MANAGEMENT.indexOf(plain(unit.name));
  return index < 0 ? TOP_MANAGEMENT.length : index;
}

/** Whether the unit is top management (shown in the organigram's first row). */
export const isTopManagement = (unit) => topRank(unit) < TOP_MANAGEMENT.length;

export function compareUnits(a, b) {
  return topRank(a) - topRank(b) || (KIND_RANK[a.kind] ?? 6) - (KIND_RANK[b.kind] ?? 6) || collator.compare(a.name, b.name) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);
}

/** A copy of a tree (nodes with `children`) with every level sorted by compareUnits. */
export function orderTree(nodes) {
  return [...nodes].sort(compareUnits).map((node) => ({ ...node, children: orderTree(node.children ?? []) }));
}
