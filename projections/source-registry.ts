/**
 * The registered sources (SourceRegistered, one stream each) and what each one attests,
 * enacts, announces or grounds an inference of (from the evidence of every change and from
 * FactsAttested), as entity keys with the position that first recorded them, so the registry
 * answers at any knowledge cut. Pure: filled by ReadModels.apply in position order.
 */
import type { EventEvidence, FactBasis, SourceRegistered } from '../events/types.ts';
import type { EventRef } from './views.ts';

export interface SourceRecord {
  source: SourceRegistered;
  /** The SourceRegistered event: its position, revision and id (the original result of an idempotent retry). */
  position: number;
  revision: number;
  eventId: string;
  recordedAt: string;
  /** Entity key (`unit:<id>`, `competency:<id>`, `head:<unitId>`, `objective:<id>`, `indicator:<id>`) → first position, per basis. */
  facts: Record<FactBasis, Map<string, number>>;
}

export type SourceFacts = Record<FactBasis, string[]>;

export class SourceRegistry {
  private readonly byId = new Map<string, SourceRecord>();
  private readonly byOrg = new Map<string, SourceRecord[]>();

  register(source: SourceRegistered, ref: EventRef): void {
    if (this.byId.has(source.sourceId)) return;
    const record: SourceRecord = {
      source,
      position: ref.position,
      revision: ref.revision,
      eventId: ref.eventId,
      recordedAt: ref.recordedAt,
      facts: { enacted: new Map(), attested: new Map(), announced: new Map(), inferred: new Map() },
    };
    this.byId.set(source.sourceId, record);
    const list = this.byOrg.get(source.orgId);
    if (list) list.push(record);
    else this.byOrg.set(source.orgId, [record]);
  }

  /** The source as registered at or before maxPosition. */
  get(sourceId: string, maxPosition = Number.POSITIVE_INFINITY): SourceRecord | undefined {
    const record = this.byId.get(sourceId);
    return record && record.position <= maxPosition ? record : undefined;
  }

  /** The org's sources registered at or before maxPosition, in order of registration. */
  ofOrg(orgId: string, maxPosition = Number.POSITIVE_INFINITY): SourceRecord[] {
    return (this.byOrg.get(orgId) ?? []).filter((r) => r.position <= maxPosition);
  }

  /** Notes the entities a change or an attestation concerns under each source its evidence names. */
  noteFacts(evidence: EventEvidence, actId: string | null, entities: readonly string[], position: number): void {
    const note = (sourceId: string | null, basis: FactBasis) => {
      const record = sourceId === null ? undefined : this.byId.get(sourceId);
      if (!record) return;
      for (const key of entities) if (!record.facts[basis].has(key)) record.facts[basis].set(key, position);
    };
    note(evidence.sourceId ?? (evidence.basis === 'enacted' ? actId : null), evidence.basis);
    for (const sourceId of evidence.inferredFrom) note(sourceId, 'inferred');
  }

  /** What the source attests, enacts, announces or grounds as known at maxPosition. */
  factsOf(record: SourceRecord, maxPosition: number): SourceFacts {
    const keys = (map: Map<string, number>) => [...map].filter(([, p]) => p <= maxPosition).map(([key]) => key);
    return { enacted: keys(record.facts.enacted), attested: keys(record.facts.attested), announced: keys(record.facts.announced), inferred: keys(record.facts.inferred) };
  }
}
