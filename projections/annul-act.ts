/**
 * The fold of an ActAnnulled event at position A: retracts every effect of the annulled act,
 * from its own effective dates (an annulled act never had effect), as known from A on.
 *
 * 1. Each event of the act (position < A) is retracted: the timeline versions it set get
 *    `retractedAt = A`, so every answer with maxPosition >= A skips them, for every `at`, and
 *    every answer with maxPosition < A is unchanged (no replay: one mark per version).
 * 2. Later events of other acts can refer to what only the act created (a unit it
 *    established, a competency it assigned, an objective or indicator it defined). Once the
 *    act is annulled they refer to nothing: such an event is retracted too (skipped by the
 *    read models, like the act's own events) and listed in the act's `invalidatedChanges`
 *    with the reason. This cascades: what an invalidated event created is gone as well.
 *    Other later events stand as recorded (they are not re-decided: a rename of a unit the act
 *    had renamed stays, and now renames from the name before the act).
 * 3. A move that would close a parent cycle once the act is annulled is invalidated too
 *    (break-parent-cycles.ts): the structure on every date stays a forest.
 *    "What the act created" is that incarnation: an id freed by an earlier annulment and then
 *    used again names another entity, which this annulment leaves alone.
 * Scans only the events from the act's first event to A, once, when the annulment is applied.
 * Pure: no clock, no I/O. An annulment of an unknown or already annulled act changes nothing
 * (the command refuses both).
 */
import type { ActAnnulled } from '../events/types.ts';
import { indicatorStream, objectiveStream, orgStream, planItemStream } from '../src/commands/streams.ts';
import { invalidateParentCycles } from './break-parent-cycles.ts';
import type { EventRefIndex } from './event-ref-index.ts';
import { entityTimelines, footprintOf, type EntityKey } from './event-footprint.ts';
import type { OrgModels } from './read-models.ts';
import type { EventRef } from './views.ts';

export function annulAct(org: OrgModels, annulment: ActAnnulled, ref: EventRef, refs: EventRefIndex): void {
  const record = org.acts.get(annulment.actId, ref.position);
  if (!record || record.annulment) return;
  record.annulment = { position: ref.position, by: ref.act, reason: annulment.reason, recordedAt: ref.recordedAt, recordedBy: ref.recordedBy, effectiveFrom: ref.effectiveFrom };
  const own = new Set(record.positions.filter((p) => p < ref.position));
  /** Entity → why it does not exist once the act is annulled. */
  const gone = new Map<EntityKey, string>();
  /** Units whose parent or existence this annulment retracted a version of. */
  const changedUnits = new Set<string>();
  for (const event of refs.between(record.positions[0]!, ref.position)) {
    if (!belongsToOrg(event.streamId, org.summary.orgId) || org.acts.retraction(event.position)) continue;
    const footprint = footprintOf(event);
    const isOwn = own.has(event.position);
    const missing = isOwn ? undefined : footprint.refersTo.find((key) => gone.has(key));
    if (!isOwn && missing === undefined) {
      // A standing creation of an id freed by an earlier annulment starts another incarnation:
      // the events after it refer to that one, which this annulment leaves alone.
      if (footprint.creates) gone.delete(footprint.creates);
      continue;
    }
    const reason = missing === undefined ? null : `refers to ${missing.replace(':', ' ')}, which ${gone.get(missing)!}`;
    if (reason !== null) record.invalidatedChanges.push({ position: event.position, actId: event.act?.id ?? null, reason });
    if (footprint.creates) gone.set(footprint.creates, isOwn ? `the annulled act ${annulment.actId} created` : `a change invalidated by this annulment created`);
    org.acts.retract(event.position, { annulledAt: ref.position, actId: annulment.actId, invalidated: reason });
    for (const key of footprint.sets) for (const [, timeline] of entityTimelines(org, key)) timeline.retract(event.position, ref.position);
    for (const key of footprint.sets) if (key.startsWith('unit:')) changedUnits.add(key.slice('unit:'.length));
  }
  invalidateParentCycles(org, record, ref, refs, changedUnits);
}

function belongsToOrg(streamId: string, orgId: string): boolean {
  return streamId === orgStream(orgId) || streamId.startsWith(objectiveStream(orgId, '')) || streamId.startsWith(indicatorStream(orgId, '')) || streamId.startsWith(planItemStream(orgId, ''));
}
