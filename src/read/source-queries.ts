/**
 * Reads of the source registry (docs/evidence.md): an org's sources and one source, as known at
 * the cut (asKnownAt / asOfPosition), each with what it attests, enacts, announces or grounds
 * as an inference (entity keys). Unknown sources, as known at the cut, are 404s.
 */
import type { SourceRegistered } from '../../events/types.ts';
import type { SourceFacts, SourceRecord } from '../../projections/source-registry.ts';
import { NotFoundError } from '../errors.ts';
import { inactiveUnitConflictsOfSource, type ActivityConflict } from './inactive-attestations.ts';
import type { Projector } from './projector.ts';
import { requireOrg } from './require-org.ts';
import { resolveCut, type Basis, type TimeParams } from './resolve-cut.ts';

export interface SourceAnswer extends SourceRegistered {
  registeredAt: string;
  position: number;
  facts: SourceFacts;
  /** Units it attests on a first day they are not active (dissolved, or not yet established): its view, never applied. */
  conflicts: (ActivityConflict & { entity: string })[];
}

type KnownAt = Omit<TimeParams, 'at'>;

export function createSourceQueries({ projector, clock }: { projector: Projector; clock: () => Date }) {
  const models = projector.models;
  const answer = (record: SourceRecord, maxPosition: number): SourceAnswer => {
    const facts = models.sources.factsOf(record, maxPosition);
    const org = models.org(record.source.orgId, maxPosition);
    const unitIds = facts.attested.filter((key) => key.startsWith('unit:')).map((key) => key.slice('unit:'.length));
    const conflicts = org ? inactiveUnitConflictsOfSource(org, record.source.sourceId, unitIds, maxPosition) : [];
    return { ...record.source, registeredAt: record.recordedAt, position: record.position, facts, conflicts };
  };

  return {
    async sources(orgId: string, params: KnownAt): Promise<Basis & { sources: SourceAnswer[] }> {
      const { cut, basis } = await resolveCut(params, projector, clock(), { spansValidTime: true });
      requireOrg(models, orgId, cut.maxPosition);
      return { ...basis, sources: models.sources.ofOrg(orgId, cut.maxPosition).map((r) => answer(r, cut.maxPosition)) };
    },

    async source(sourceId: string, params: KnownAt): Promise<Basis & { source: SourceAnswer }> {
      const { cut, basis } = await resolveCut(params, projector, clock(), { spansValidTime: true });
      const record = models.sources.get(sourceId, cut.maxPosition);
      if (!record) throw new NotFoundError(`source ${sourceId} is not registered (as known at position ${cut.maxPosition})`);
      return { ...basis, source: answer(record, cut.maxPosition) };
    },
  };
}
