/**
 * Export of an org's source registry (docs/evidence.md, "Source registry"): one row per source,
 * with its dates, qualifier, location, scope, what it enacts / attests / announces / grounds
 * (entity keys) and the units it attests on days they are not active. Stable English column
 * keys like every export; lists joined by " | ", line ranges as "from-to".
 */
import type { SourceAnswer } from '../../read/source-queries.ts';
import type { Basis } from '../../read/resolve-cut.ts';
import { cutBasis, type ExportView } from './send-answer.ts';

const LIST = ' | ';

const COLUMNS = [
  'sourceId', 'orgId', 'title', 'kind', 'legalEffect', 'issuedOn', 'periodFrom', 'periodTo',
  'dateQualifierKind', 'dateQualifierReason', 'locationFile', 'locationLines', 'locationUrl',
  'scopeKind', 'scopeRootUnitId', 'registeredAt', 'position',
  'factsEnacted', 'factsAttested', 'factsAnnounced', 'factsInferred', 'conflicts',
];

export const sourcesExport: ExportView<Basis & { sources: SourceAnswer[] }> = {
  name: 'sources',
  basis: cutBasis,
  toRows: ({ sources }) => ({
    columns: COLUMNS,
    rows: sources.map((s) => [
      s.sourceId, s.orgId, s.title, s.kind, s.legalEffect, s.issuedOn, s.period?.from ?? null, s.period?.to ?? null,
      s.dateQualifier?.kind ?? null, s.dateQualifier?.reason ?? null,
      s.location.file ?? null, (s.location.lines ?? []).map((l) => `${l.from}-${l.to}`).join(LIST), s.location.url ?? null,
      s.scope.kind, s.scope.rootUnitId ?? null, s.registeredAt, s.position,
      s.facts.enacted.join(LIST), s.facts.attested.join(LIST), s.facts.announced.join(LIST), s.facts.inferred.join(LIST),
      s.conflicts.map((c) => `${c.entity} ${c.field}=${String(c.value)} (${c.from}..${c.to})`).join(LIST),
    ]),
  }),
};
