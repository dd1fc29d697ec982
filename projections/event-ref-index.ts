/**
 * Every applied domain event, by global position, stored column by column: how a timeline
 * version (which keeps only its position) is resolved to the event that produced it, for
 * provenance, history before/after and acts; and the measurements' values, which the PDO
 * index reads by ordinal (the event's index in this log) instead of keeping objects of its own.
 *
 * Why columns: a million events are mostly measurements, and one EventRef object per event
 * (plus its parsed payload) was most of the read models' memory. Here an event is one slot
 * per column (columns.ts), the repeated values are indexes into tables, and a measurement's
 * payload is rebuilt on demand from its columns. `at()` and `between()` build a fresh EventRef on
 * each call, equal field by field (and in key order) to the one ReadModels.apply made.
 *
 * Pure: filled only by ReadModels.apply, in position order.
 */
import type { MeasurementRecorded } from '../events/types.ts';
import type { ActRef, Provenance } from '../src/commands/command-types.ts';
import { Float64Column, Int32Column, InternedColumn, ValueTable } from './columns.ts';
import { UuidColumn } from './uuid-column.ts';
import type { EventRef } from './views.ts';

/** Key order of a MeasurementRecorded payload as commands write it: only such payloads are stored as columns. */
const MEASUREMENT_KEYS = ['indicatorId', 'objectiveId', 'value', 'measuredAt', 'note', 'source'] as const;

const NONE = -1;

export class EventRefIndex {
  private readonly positions = new Float64Column();
  private readonly revisions = new Int32Column();
  /** Index of each event within the command that appended it (events of one append share causationId). */
  private readonly commandIndexes = new Int32Column();
  /** The repeated values, as indexes into their tables. */
  private readonly strings = new ValueTable<string>();
  /** Streams by the dense number ReadModels gives each (streamNames[number] is its id). */
  private readonly streamIds = new Int32Column();
  private readonly streamNames: string[] = [];
  private readonly types = new InternedColumn(this.strings);
  private readonly effectiveFroms = new InternedColumn(this.strings);
  private readonly recordedAts = new InternedColumn(this.strings);
  private readonly recordedBys = new InternedColumn(this.strings);
  /** NONE for an event without an act. */
  private readonly acts = new InternedColumn(new ValueTable<ActRef>());
  private readonly eventIds = new UuidColumn();
  /** Provenances and payloads kept as objects: by slot (NONE for none, or a measurement stored as columns). */
  private readonly provenanceSlots = new Int32Column();
  private readonly provenances: Provenance[] = [];
  private readonly dataSlots = new Int32Column();
  private readonly data: Record<string, unknown>[] = [];
  /** A measurement's value (NaN for other events). */
  private readonly values = new Float64Column();
  /** A measurement's indicatorId, objectiveId and measuredAt (NONE for other events). */
  private readonly indicatorIds = new InternedColumn(this.strings);
  private readonly objectiveIds = new InternedColumn(this.strings);
  private readonly measuredAts = new InternedColumn(this.strings);
  /** Per stream (by number): the indicatorId and objectiveId of its last measurement, looked up once per stream. */
  private readonly measurementSubjects: ({ indicatorId: number; objectiveId: number } | undefined)[] = [];
  /** A measurement's note and source (NONE for null, and for other events): sources repeat (the system they come from). */
  private readonly notes = new InternedColumn(this.strings);
  private readonly sources = new InternedColumn(this.strings);
  private lastCausation: string | null = null;

  /**
   * Appends the event and returns its ordinal. `stream`: a number for the event's stream, the
   * same for every event of that stream and dense from 0 (ReadModels numbers streams as it meets them).
   */
  add(ref: EventRef, causationId: string | null, stream: number): number {
    const i = this.positions.length;
    const sameStream = i > 0 && this.streamIds.at(i - 1) === stream;
    const sameCommand = sameStream && causationId !== null && this.lastCausation === causationId;
    this.commandIndexes.push(sameCommand ? this.commandIndexes.last()! + 1 : 0);
    this.lastCausation = causationId;
    this.positions.push(ref.position);
    this.revisions.push(ref.revision);
    this.streamIds.push(stream);
    this.streamNames[stream] ??= ref.streamId;
    this.types.push(ref.type);
    this.effectiveFroms.push(ref.effectiveFrom);
    this.recordedAts.push(ref.recordedAt);
    this.recordedBys.push(ref.recordedBy);
    if (ref.act === null) this.acts.pushIndex(NONE);
    else this.acts.push(ref.act);
    this.eventIds.push(ref.eventId);
    this.provenanceSlots.push(ref.provenance === null ? NONE : this.provenances.push(ref.provenance) - 1);
    if (ref.type === 'MeasurementRecorded') this.addMeasurement(stream, ref, ref.data as unknown as MeasurementRecorded);
    else {
      this.dataSlots.push(this.data.push(ref.data) - 1);
      this.values.push(Number.NaN);
      this.indicatorIds.pushIndex(NONE);
      this.objectiveIds.pushIndex(NONE);
      this.measuredAts.pushIndex(NONE);
      this.notes.pushIndex(NONE);
      this.sources.pushIndex(NONE);
    }
    return i;
  }

  /** The event at a global position, or undefined (never applied, or not a domain event). */
  at(position: number): EventRef | undefined {
    const i = this.ordinalOf(position);
    return i === NONE ? undefined : this.refAt(i);
  }

  /** 0 for the first event of its command, 1 for the second...: `changes/<k>` in provenance qualifiers. */
  commandIndexOf(position: number): number {
    const i = this.ordinalOf(position);
    return i === NONE ? 0 : this.commandIndexes.at(i);
  }

  /** Events with from <= position < to, in position order. */
  *between(from: number, to: number): Iterable<EventRef> {
    for (let i = this.positions.lowerBound(from); i < this.positions.length && this.positions.at(i) < to; i++) yield this.refAt(i);
  }

  /** The ordinal of the event at a global position, or -1. The last event is found at once (the fold asks for it). */
  ordinalOf(position: number): number {
    const last = this.positions.length - 1;
    if (last >= 0 && this.positions.at(last) === position) return last;
    const i = this.positions.lowerBound(position);
    return i < this.positions.length && this.positions.at(i) === position ? i : NONE;
  }

  /** The event at an ordinal (0 <= ordinal < number of events), as a fresh EventRef. */
  refAt(i: number): EventRef {
    return {
      eventId: this.eventIds.at(i),
      streamId: this.streamNames[this.streamIds.at(i)]!,
      revision: this.revisions.at(i),
      position: this.positions.at(i),
      type: this.types.valueAt(i),
      effectiveFrom: this.effectiveFroms.valueAt(i),
      recordedAt: this.recordedAts.valueAt(i),
      recordedBy: this.recordedBys.valueAt(i),
      act: this.acts.indexAt(i) === NONE ? null : this.acts.valueAt(i),
      provenance: this.provenanceSlots.at(i) === NONE ? null : this.provenances[this.provenanceSlots.at(i)]!,
      data: this.dataSlots.at(i) === NONE ? (this.measurementData(i) as unknown as Record<string, unknown>) : this.data[this.dataSlots.at(i)]!,
    };
  }

  positionAt(i: number): number {
    return this.positions.at(i);
  }

  recordedAtAt(i: number): string {
    return this.recordedAts.valueAt(i);
  }

  /** A measurement's value (ordinal of a MeasurementRecorded event). */
  valueAt(i: number): number {
    return this.values.at(i);
  }

  /** A measurement's measuredAt (ordinal of a MeasurementRecorded event). */
  measuredAtAt(i: number): string {
    return this.measuredAts.valueAt(i);
  }

  noteAt(i: number): string | null {
    return this.notes.indexAt(i) === NONE ? null : this.notes.valueAt(i);
  }

  sourceAt(i: number): string | null {
    return this.sources.indexAt(i) === NONE ? null : this.sources.valueAt(i);
  }

  private addMeasurement(stream: number, ref: EventRef, data: MeasurementRecorded): void {
    // A payload in another key order is kept as it is, so that `data` always reads as recorded.
    this.dataSlots.push(hasMeasurementKeys(data) ? NONE : this.data.push(data as unknown as Record<string, unknown>) - 1);
    this.values.push(data.value);
    let subject = this.measurementSubjects[stream];
    if (subject === undefined || this.strings.valueAt(subject.indicatorId) !== data.indicatorId || this.strings.valueAt(subject.objectiveId) !== data.objectiveId) {
      subject = { indicatorId: this.strings.indexOf(data.indicatorId), objectiveId: this.strings.indexOf(data.objectiveId) };
      this.measurementSubjects[stream] = subject;
    }
    this.indicatorIds.pushIndex(subject.indicatorId);
    this.objectiveIds.pushIndex(subject.objectiveId);
    // A measurement mostly takes effect on the date it measures: that date's index is known already.
    if (data.measuredAt === ref.effectiveFrom) this.measuredAts.pushIndex(this.effectiveFroms.indexAt(this.effectiveFroms.length - 1));
    else this.measuredAts.push(data.measuredAt);
    if (data.note === null) this.notes.pushIndex(NONE);
    else this.notes.push(data.note);
    if (data.source === null) this.sources.pushIndex(NONE);
    else this.sources.push(data.source);
  }

  private measurementData(i: number): MeasurementRecorded {
    return {
      indicatorId: this.indicatorIds.valueAt(i),
      objectiveId: this.objectiveIds.valueAt(i),
      value: this.values.at(i),
      measuredAt: this.measuredAtAt(i),
      note: this.noteAt(i),
      source: this.sourceAt(i),
    };
  }
}

function hasMeasurementKeys(data: MeasurementRecorded): boolean {
  let k = 0;
  for (const key in data) if (key !== MEASUREMENT_KEYS[k++]) return false;
  return k === MEASUREMENT_KEYS.length;
}
