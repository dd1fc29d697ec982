/**
 * Reads of the acts of an org: the list (`GET /orgs/:org/acts`) and one act with every event
 * it produced (`GET /orgs/:org/acts/:actId`), as known at the cut (asKnownAt / asOfPosition):
 * events recorded after the cut, and an annulment recorded after it, are not shown.
 */
import type { ActRecord, InvalidatedChange } from '../../projections/acts-index.ts';
import { byEffectiveDate } from '../../projections/order.ts';
import type { OrgModels, ReadModels } from '../../projections/read-models.ts';
import type { ActRef } from '../commands/command-types.ts';
import { NotFoundError } from '../errors.ts';
import type { Projector } from './projector.ts';
import { requireOrg } from './require-org.ts';
import { resolveCut, type Basis, type TimeParams } from './resolve-cut.ts';

export interface ActSummary {
  actId: string;
  kind: string | null;
  date: string | null;
  title: string | null;
  url: string | null;
  /** Earliest effective date of its events (valid time). */
  firstEffectiveFrom: string;
  eventCount: number;
  annulled: { by: string | null; act: ActRef | null; reason: string; position: number; recordedAt: string; recordedBy: string } | null;
}

export interface ActChange {
  streamId: string;
  position: number;
  effectiveFrom: string;
  recordedAt: string;
  recordedBy: string;
  type: string;
  data: Record<string, unknown>;
}

export interface InvalidatedChangeView extends InvalidatedChange {
  type: string;
  streamId: string;
  effectiveFrom: string;
}

export interface ActDetail {
  act: ActSummary;
  changes: ActChange[];
  /** Changes of other acts invalidated by this act's annulment (retracted too), with the reason. */
  invalidatedChanges: InvalidatedChangeView[];
}

type KnownAtParams = Omit<TimeParams, 'at'>;

export function createActsQueries({ projector, clock }: { projector: Projector; clock: () => Date }) {
  const models = projector.models;
  return {
    async acts(orgId: string, params: KnownAtParams): Promise<Basis & { acts: ActSummary[] }> {
      const { cut, basis } = await resolveCut(params, projector, clock(), { spansValidTime: true });
      const org = requireOrg(models, orgId, cut.maxPosition);
      return { ...basis, acts: org.acts.list(cut.maxPosition).map((record) => actSummary(models, record, cut.maxPosition)) };
    },

    async act(orgId: string, actId: string, params: KnownAtParams): Promise<Basis & ActDetail> {
      const { cut, basis } = await resolveCut(params, projector, clock(), { spansValidTime: true });
      const org = requireOrg(models, orgId, cut.maxPosition);
      return { ...basis, ...actDetail(models, org, actId, cut.maxPosition) };
    },
  };
}

/** One act as known at maxPosition; 404 when none of its events is known there. */
export function actDetail(models: ReadModels, org: OrgModels, actId: string, maxPosition: number): ActDetail {
  const record = org.acts.get(actId, maxPosition);
  if (!record) throw new NotFoundError(`act ${actId} is not known in org ${org.summary.orgId}`);
  const changes = byEffectiveDate(knownRefs(models, record, maxPosition)).map((ref) => ({
    streamId: ref.streamId,
    position: ref.position,
    effectiveFrom: ref.effectiveFrom,
    recordedAt: ref.recordedAt,
    recordedBy: ref.recordedBy,
    type: ref.type,
    data: ref.data,
  }));
  const annulledKnown = record.annulment !== null && record.annulment.position <= maxPosition;
  const invalidatedChanges = (annulledKnown ? record.invalidatedChanges : []).map((change) => {
    const ref = models.refs.at(change.position)!;
    return { ...change, type: ref.type, streamId: ref.streamId, effectiveFrom: ref.effectiveFrom };
  });
  return { act: actSummary(models, record, maxPosition), changes, invalidatedChanges };
}

function knownRefs(models: ReadModels, record: ActRecord, maxPosition: number) {
  return record.positions.filter((p) => p <= maxPosition).map((p) => models.refs.at(p)!);
}

function actSummary(models: ReadModels, record: ActRecord, maxPosition: number): ActSummary {
  const refs = knownRefs(models, record, maxPosition);
  const annulment = record.annulment && record.annulment.position <= maxPosition ? record.annulment : null;
  return {
    actId: record.actId,
    kind: record.act.kind ?? null,
    date: record.act.date ?? null,
    title: record.act.title ?? null,
    url: record.act.url ?? null,
    firstEffectiveFrom: refs.reduce((min, ref) => (ref.effectiveFrom < min ? ref.effectiveFrom : min), refs[0]!.effectiveFrom),
    eventCount: refs.length,
    annulled: annulment && {
      by: annulment.by?.id ?? null,
      act: annulment.by,
      reason: annulment.reason,
      position: annulment.position,
      recordedAt: annulment.recordedAt,
      recordedBy: annulment.recordedBy,
    },
  };
}
