/**
 * Indexes for the questions auditors ask (src/read/diff, competency-search.ts, backdated.ts),
 * folded from every domain event's EventRef in position order. Pure: no clock, no I/O —
 * lateness compares the recordedAt instant's Europe/Rome calendar date with effectiveFrom.
 *   - late records: every event recorded at least one day after its effective date;
 *   - competency events: per org and competency, the events about it (assign, withdraw,
 *     transfer), which the timelines of the org chart index do not keep as EventRefs.
 */
import { daysBetween, romeDateOf } from '../src/time/calendar-date.ts';
import type { EventRef } from './views.ts';

export interface LateRecord {
  orgId: string;
  /** Calendar days from effectiveFrom to the Europe/Rome date of recordedAt (>= 1). */
  daysLate: number;
  ref: EventRef;
}

export class AuditIndex {
  /** In position order (events arrive in position order). */
  private readonly late: LateRecord[] = [];
  /** orgId → competencyId → events about it, in position order. */
  private readonly competencyEvents = new Map<string, Map<string, EventRef[]>>();

  apply(orgId: string, ref: EventRef): void {
    const daysLate = daysBetween(ref.effectiveFrom, romeDateOf(new Date(ref.recordedAt)));
    if (daysLate >= 1) this.late.push({ orgId, daysLate, ref });
    const competencyId = ref.data.competencyId;
    if (typeof competencyId !== 'string') return;
    let org = this.competencyEvents.get(orgId);
    if (!org) this.competencyEvents.set(orgId, (org = new Map()));
    const events = org.get(competencyId);
    if (events) events.push(ref);
    else org.set(competencyId, [ref]);
  }

  /** Events recorded more than `minDays` days after their effective date, in position order. */
  lateRecords(filter: { minDays: number; orgId?: string; maxPosition: number }): LateRecord[] {
    return this.late.filter(
      (r) => r.daysLate > filter.minDays && r.ref.position <= filter.maxPosition && (filter.orgId === undefined || r.orgId === filter.orgId),
    );
  }

  /** Every event about one competency, in position order, as known at maxPosition. */
  competencyHistory(orgId: string, competencyId: string, maxPosition: number): EventRef[] {
    return (this.competencyEvents.get(orgId)?.get(competencyId) ?? []).filter((e) => e.position <= maxPosition);
  }

  /** Every competency id of the org with each text it was ever assigned with (all positions). */
  *competencyTexts(orgId: string): Generator<{ competencyId: string; texts: string[] }> {
    for (const [competencyId, events] of this.competencyEvents.get(orgId) ?? []) {
      yield { competencyId, texts: events.flatMap((e) => (typeof e.data.text === 'string' ? [e.data.text] : [])) };
    }
  }
}
