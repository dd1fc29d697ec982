/**
 * What the org chart PDF shows, read at one cut: the org's name, the chart as a tree in the
 * organigram's order (web/js/org-order.js), the acts and sources behind its facts (from each
 * fact's provenance: name, kind, parent, head, and each competency's holder and text), and the
 * integrity hash of the org stream's last event within the basis (its SHA-256 chain hash, as
 * `verify` checks it).
 */
import type { UnitView } from '../../../projections/views.ts';
import { integrityOf } from '../../audit/event-hash.ts';
import { orgStream } from '../../commands/streams.ts';
import { NotFoundError } from '../../errors.ts';
import { toUnitTree } from '../../read/org-chart-tree.ts';
import type { FactProvenance } from '../../read/provenance.ts';
import type { QueryService, TimeParams } from '../../read/queries.ts';
import type { EventStore } from '../../store/event-store.ts';
import { orderTree } from '../../../web/js/org-order.js';
import type { OrgChartPdfInput, PdfAct, PdfSource } from './org-chart-pdf.ts';

type SourcedUnit = UnitView & {
  provenance?: Record<string, FactProvenance | null>;
  competencies: (UnitView['competencies'][number] & { provenance?: Record<string, FactProvenance | null> })[];
  evidence?: unknown;
};

export async function orgChartPdfInput(
  deps: { queries: QueryService; store: EventStore; clock: () => Date },
  orgId: string,
  params: TimeParams,
  options: { withCompetencies: boolean; paper?: 'A4' | 'A3' },
): Promise<OrgChartPdfInput> {
  const { answer } = await deps.queries.orgChart(orgId, { ...params, provenance: true });
  const { at, asKnownAt, position } = answer;
  const cut = { asOfPosition: position };
  const org = (await deps.queries.orgs(cut)).orgs.find((o) => o.orgId === orgId);
  if (!org || at === null) throw new NotFoundError(`org ${orgId} does not exist`);
  const units = answer.units as SourcedUnit[];

  const acts = new Map<string, PdfAct>();
  const sources = new Map<string, PdfSource & { seen: Set<string> }>();
  const note = (fact: FactProvenance | null | undefined) => {
    if (!fact) return;
    if (fact.act) {
      const act = acts.get(fact.act.id) ?? { id: fact.act.id, kind: fact.act.kind ?? null, title: fact.act.title ?? null, date: fact.act.date ?? null, facts: 0 };
      act.facts += 1;
      acts.set(act.id, act);
    }
    if (fact.source) {
      const source = sources.get(fact.source.document) ?? { document: fact.source.document, locations: [], facts: 0, seen: new Set<string>() };
      source.facts += 1;
      if (fact.source.location && !source.seen.has(fact.source.location)) {
        source.seen.add(fact.source.location);
        source.locations.push(fact.source.location);
      }
      sources.set(source.document, source);
    }
  };
  for (const unit of units) {
    for (const fact of Object.values(unit.provenance ?? {})) note(fact);
    if (options.withCompetencies) for (const c of unit.competencies) for (const fact of Object.values(c.provenance ?? {})) note(fact);
  }

  const plain: UnitView[] = units.map(({ provenance: _provenance, competencies, ...unit }) => ({ ...unit, competencies: competencies.map(({ competencyId, text, evidence }) => ({ competencyId, text, evidence })) }));
  const coverage = (answer as { coverage?: { status: string; sources: string[] } }).coverage ?? null;
  return {
    orgName: org.name,
    at,
    asKnownAt,
    position,
    integrity: await integrityAt(deps.store, orgId, position),
    coverage,
    roots: orderTree(toUnitTree(plain)),
    withCompetencies: options.withCompetencies,
    ...(options.paper ? { paper: options.paper } : {}),
    acts: [...acts.values()].sort((a, b) => b.facts - a.facts || (a.id < b.id ? -1 : 1)),
    sources: [...sources.values()].map(({ seen: _seen, ...source }) => source).sort((a, b) => (a.document < b.document ? -1 : 1)),
    generatedAt: deps.clock(),
  };
}

async function integrityAt(store: EventStore, orgId: string, position: number): Promise<OrgChartPdfInput['integrity']> {
  const streamId = orgStream(orgId);
  const events = await store.readStream(streamId);
  const last = events.filter((event) => event.position <= position).at(-1);
  const hash = last ? integrityOf(last.metadata)?.hash : undefined;
  return last && hash ? { streamId, revision: last.revision, hash } : null;
}
