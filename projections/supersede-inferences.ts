/**
 * The fold of an InferencesSuperseded event at position A (docs/import.md, "Retraction"): every
 * listed event of the org (position < A, id matching) is retracted from A on, exactly as an
 * annulled act's events are (annul-act.ts): its timeline versions get `retractedAt = A`, so
 * answers as known at or after A skip them and answers as known before A are unchanged. No
 * cascade: the same import re-derives, in the same append, whatever the superseded changes
 * carried. Pure: no clock, no I/O.
 */
import type { InferencesSuperseded } from '../events/types.ts';
import type { EventRefIndex } from './event-ref-index.ts';
import { entityTimelines, footprintOf } from './event-footprint.ts';
import type { OrgModels } from './read-models.ts';
import type { EventRef } from './views.ts';

export function supersedeInferences(org: OrgModels, data: InferencesSuperseded, ref: EventRef, refs: EventRefIndex): void {
  for (const { eventId, position } of data.superseded) {
    const event = position < ref.position ? refs.at(position) : undefined;
    if (!event || event.eventId !== eventId || org.acts.retraction(position)) continue;
    org.acts.retract(position, { annulledAt: ref.position, actId: `superseded-by:${data.sourceId}`, invalidated: data.reason });
    for (const key of footprintOf(event).sets) for (const [, timeline] of entityTimelines(org, key)) timeline.retract(position, ref.position);
  }
}
