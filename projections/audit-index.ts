/**
 * Indexes for the questions auditors ask (src/read/diff, competency-search.ts, backdated.ts),
 * folded from every domain event's EventRef in position order. Pure: no clock, no I/O —
 * lateness compares the recordedAt instant's Europe/Rome calendar date with effectiveFrom.
 *   - late records: every event recorded at least one day after its effective date;
 *   - competency events: per org and competency, the events about it (assign, withdraw,
 *     transfer), which the timelines of the org chart index do not keep as EventRefs.
 */
import { daysBetween, romeDateOf } from '../src/time/calendar-date.ts';
import { Float64Column, Int32Column, InternedColumn, ValueTable } from './columns.ts';
import type { EventRefIndex } from './event-ref-index.ts';
import type { EventRef } from './views.ts';

export interface LateRecord {
  orgId: string;
  /** Calendar days from effectiveFrom to the Europe/Rome date of recordedAt (>= 1). */
  daysLate: number;
  ref: EventRef;
}

export class AuditIndex {
  /**
   * Late records, in position order (events arrive in position order), as parallel arrays:
   * most measurements are recorded late, so a record is three numbers, and its EventRef is
   * read from the event log when asked for.
   */
  private readonly latePositions = new Float64Column();
  private readonly lateDays = new Int32Column();
  private readonly lateOrgs = new InternedColumn(new ValueTable<string>());
  /** orgId → competencyId → events about it, in position order. */
  private readonly competencyEvents = new Map<string, Map<string, EventRef[]>>();

  /** The Rome date of the last recordedAt seen: the events of one commit share their instant. */
  private lastRecorded = { instant: '', date: '' };
  /** Day counts of the calendar dates seen (a few thousand distinct dates, each parsed once). */
  private readonly dayNumbers = new Map<string, number>();

  /** `refs`: the event log every ref applied here was added to first (ReadModels.refs). */
  constructor(private readonly refs: EventRefIndex) {}

  apply(orgId: string, ref: EventRef): void {
    if (ref.recordedAt !== this.lastRecorded.instant) this.lastRecorded = { instant: ref.recordedAt, date: romeDateOf(new Date(ref.recordedAt)) };
    const daysLate = this.dayNumber(this.lastRecorded.date) - this.dayNumber(ref.effectiveFrom);
    if (daysLate >= 1) {
      this.latePositions.push(ref.position);
      this.lateDays.push(daysLate);
      this.lateOrgs.push(orgId);
    }
    const competencyId = ref.data.competencyId;
    if (typeof competencyId !== 'string') return;
    let org = this.competencyEvents.get(orgId);
    if (!org) this.competencyEvents.set(orgId, (org = new Map()));
    const events = org.get(competencyId);
    if (events) events.push(ref);
    else org.set(competencyId, [ref]);
  }

  private dayNumber(date: string): number {
    let days = this.dayNumbers.get(date);
    if (days === undefined) this.dayNumbers.set(date, (days = daysBetween('1970-01-01', date)));
    return days;
  }

  /** Events recorded more than `minDays` days after their effective date, in position order. */
  lateRecords(filter: { minDays: number; orgId?: string; maxPosition: number }): LateRecord[] {
    const records: LateRecord[] = [];
    for (let k = 0; k < this.latePositions.length && this.latePositions.at(k) <= filter.maxPosition; k++) {
      const orgId = this.lateOrgs.valueAt(k);
      const daysLate = this.lateDays.at(k);
      if (daysLate > filter.minDays && (filter.orgId === undefined || orgId === filter.orgId)) {
        records.push({ orgId, daysLate, ref: this.refs.at(this.latePositions.at(k))! });
      }
    }
    return records;
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
