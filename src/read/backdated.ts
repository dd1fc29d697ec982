/**
 * "What was recorded late?": every event recorded more than `minDays` calendar days after
 * its effective date (the Europe/Rome date of recordedAt minus effectiveFrom), in position
 * order, across all orgs or one, as known at the system-time cut. Read from the AuditIndex,
 * which keeps every late event as it is applied.
 */
import type { ActRef } from '../commands/command-types.ts';
import type { Projector } from './projector.ts';
import { requireOrg } from './require-org.ts';
import { resolveCut, type Basis, type TimeParams } from './resolve-cut.ts';

export interface BackdatedRecord {
  position: number;
  orgId: string;
  streamId: string;
  eventId: string;
  type: string;
  effectiveFrom: string;
  recordedAt: string;
  recordedBy: string;
  act: ActRef | null;
  daysLate: number;
  /**
   * Null while the change stands; otherwise the annulment (known at the cut) that retracted
   * it: its position, the annulled act, and for a change of another act that the annulment
   * invalidated, the reason. A retracted late change stays listed: it was recorded.
   */
  retracted: { annulmentPosition: number; annulledActId: string; invalidated: string | null } | null;
}

export interface BackdatedAnswer extends Basis {
  org: string | null;
  minDays: number;
  records: BackdatedRecord[];
}

export const DEFAULT_MIN_DAYS = 30;

export function createBackdatedQuery({ projector, clock }: { projector: Projector; clock: () => Date }) {
  const models = projector.models;
  const retractionAt = (orgId: string, position: number, maxPosition: number): BackdatedRecord['retracted'] => {
    const retraction = models.org(orgId, maxPosition)?.acts.retraction(position);
    if (!retraction || retraction.annulledAt > maxPosition) return null;
    return { annulmentPosition: retraction.annulledAt, annulledActId: retraction.actId, invalidated: retraction.invalidated };
  };
  return async function backdated(params: Omit<TimeParams, 'at'> & { org?: string; minDays?: number }): Promise<BackdatedAnswer> {
    const { cut, basis } = await resolveCut(params, projector, clock(), { spansValidTime: true });
    if (params.org !== undefined) requireOrg(models, params.org, cut.maxPosition);
    const minDays = params.minDays ?? DEFAULT_MIN_DAYS;
    const records = models.audit.lateRecords({ minDays, orgId: params.org, maxPosition: cut.maxPosition }).map(({ orgId, daysLate, ref }) => ({
      position: ref.position,
      orgId,
      streamId: ref.streamId,
      eventId: ref.eventId,
      type: ref.type,
      effectiveFrom: ref.effectiveFrom,
      recordedAt: ref.recordedAt,
      recordedBy: ref.recordedBy,
      act: ref.act,
      daysLate,
      retracted: retractionAt(orgId, ref.position, cut.maxPosition),
    }));
    return { ...basis, org: params.org ?? null, minDays, records };
  };
}
