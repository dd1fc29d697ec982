/**
 * Temporal index of one org's objectives, indicators and measurements (the PDO).
 * Pure fold of objective and measurement events: no clock, no I/O.
 */
import type { MatrixRow, ObjectiveLink, PlanItemLink } from '../src/commands/command-types.ts';
import type { MeasurementRecorded, PdoEvent, PlanItemDefined } from '../events/types.ts';
import type { EventRefIndex } from './event-ref-index.ts';
import { byEffectiveDate } from './order.ts';
import { dayKey } from './day-key.ts';
import { Timeline, type Version } from './timeline.ts';
import { attributeEvidence, changeBasisOf, measurementEvidence, type ChangeBasis, type Evidence } from './evidence.ts';
import type { EventMetadata } from '../events/types.ts';
import type { Cut, EventRef, IndicatorView, MeasurementView, ObjectiveStatus, ObjectiveView, PlanItemView } from './views.ts';

export interface ObjectiveTimelines {
  objectiveId: string;
  /** Order of first appearance: answers list objectives in this order. */
  ordinal: number;
  status: Timeline<ObjectiveStatus>;
  title: Timeline<string>;
  unitId: Timeline<string>;
  plan: string | null;
  /** 'open': holds every year from its effective date; 'yearly': only the years with a statement. */
  mode: Timeline<'open' | 'yearly'>;
  years: Map<string, Timeline<string | null>>;
  links: Timeline<ObjectiveLink[]>;
  description: Timeline<string | null>;
  matrix: Timeline<MatrixRow[]>;
  planItems: Timeline<PlanItemLink[]>;
  indicatorIds: string[];
  events: EventRef[];
}

export interface IndicatorTimelines {
  indicatorId: string;
  objectiveId: string;
  description: Timeline<string>;
  kind: Timeline<string | null>;
  unit: Timeline<string | null>;
  target: Timeline<number>;
  /** Its events other than measurements, in position order. */
  events: EventRef[];
}

/**
 * An indicator's timelines. Its measurements are kept as the ordinals of their events in the
 * event log (event-ref-index.ts), which holds their values: one number each instead of a
 * view object and an EventRef.
 */
class Indicator implements IndicatorTimelines {
  readonly description = new Timeline<string>();
  readonly kind = new Timeline<string | null>();
  readonly unit = new Timeline<string | null>();
  readonly target = new Timeline<number>();
  readonly events: EventRef[] = [];
  /** Ordinals of its MeasurementRecorded events in the log, ordered by (measuredAt, position). */
  readonly measurementOrdinals: number[] = [];
  /** dayKey of each one's measuredAt, in step with measurementOrdinals: the latest-measurement search compares small integers, not log strings. */
  readonly measurementDays: number[] = [];

  constructor(
    readonly indicatorId: string,
    readonly objectiveId: string,
  ) {}
}

function measurementView(log: EventRefIndex, ordinal: number, bases: ReadonlyMap<number, ChangeBasis>): MeasurementView {
  const measuredAt = log.measuredAtAt(ordinal);
  const position = log.positionAt(ordinal);
  return {
    value: log.valueAt(ordinal),
    measuredAt,
    note: log.noteAt(ordinal),
    source: log.sourceAt(ordinal),
    recordedAt: log.recordedAtAt(ordinal),
    position,
    evidence: measurementEvidence(measuredAt, measuredAt, bases.get(position)),
  };
}

/** A plan item as defined: its data, and `defined` (its id from its effective date; an annulment retracts the version). */
export interface PlanItemTimelines {
  data: PlanItemDefined;
  defined: Timeline<string>;
  events: EventRef[];
}

export class PdoIndex {
  private readonly objectives = new Map<string, ObjectiveTimelines>();
  /** Plan items by id, in order of definition. */
  private readonly planItemsById = new Map<string, PlanItemTimelines>();
  private readonly indicators = new Map<string, Indicator>();
  /** Query index: plan year → objectives that ever had a statement for it (in first-seen order). */
  private readonly byYear = new Map<string, ObjectiveTimelines[]>();
  /** Query index: objectives ever defined open-ended (they may hold in any year). */
  private readonly openEnded: ObjectiveTimelines[] = [];
  /** Bumped whenever byYear or openEnded gains an objective: the candidates cache's validity. */
  private generation = 0;
  private readonly candidatesByYear = new Map<string, { generation: number; objectives: ObjectiveTimelines[] }>();

  /** The basis of every objective and indicator event, by position (equal bases shared). */
  private readonly bases = new Map<number, ChangeBasis>();
  private readonly sharedBases = new Map<string, ChangeBasis>();
  /** The basis of a measurement, for the few that are not attested on their day by no source (the bulk: no entry). */
  private readonly measurementBases = new Map<number, ChangeBasis>();

  /** `log`: the event log the measurements are read from (ReadModels.refs, which has every event applied here). */
  constructor(private readonly log: EventRefIndex) {}

  apply(event: PdoEvent, ref: EventRef): void {
    const at = ref.effectiveFrom;
    const p = ref.position;
    this.noteBasis(event, p);
    switch (event.type) {
      case 'ObjectiveDefined': {
        const o = this.objectiveOrCreate(event.data.objectiveId, event.data.plan);
        o.status.set(at, p, 'active');
        o.title.set(at, p, event.data.title);
        o.unitId.set(at, p, event.data.unitId);
        o.mode.set(at, p, event.data.years ? 'yearly' : 'open');
        if (!event.data.years && !this.openEnded.includes(o)) {
          this.openEnded.push(o);
          this.generation += 1;
        }
        for (const [year, statement] of Object.entries(event.data.years ?? {})) this.yearOrCreate(o, year).set(at, p, statement);
        o.links.set(at, p, event.data.links);
        // Set only when given, so a definition without them (and every upcast v1 one) lists no such change in its history.
        if (event.data.description !== null) o.description.set(at, p, event.data.description);
        if (event.data.matrix.length > 0) o.matrix.set(at, p, event.data.matrix);
        if (event.data.planItems.length > 0) o.planItems.set(at, p, event.data.planItems);
        o.events.push(ref);
        return;
      }
      case 'ObjectiveRevised': {
        const o = this.objectiveOrCreate(event.data.objectiveId, null);
        if (event.data.title !== undefined) o.title.set(at, p, event.data.title);
        if (event.data.unitId !== undefined) o.unitId.set(at, p, event.data.unitId);
        if (event.data.links !== undefined) o.links.set(at, p, event.data.links);
        if (event.data.description !== undefined) o.description.set(at, p, event.data.description);
        if (event.data.matrix !== undefined) o.matrix.set(at, p, event.data.matrix);
        if (event.data.planItems !== undefined) o.planItems.set(at, p, event.data.planItems);
        if (event.data.years !== undefined) {
          o.mode.set(at, p, 'yearly');
          for (const [year, statement] of Object.entries(event.data.years)) this.yearOrCreate(o, year).set(at, p, statement);
        }
        o.events.push(ref);
        return;
      }
      case 'ObjectiveWithdrawn': {
        const o = this.objectiveOrCreate(event.data.objectiveId, null);
        o.status.set(at, p, 'withdrawn');
        o.events.push(ref);
        return;
      }
      case 'IndicatorDefined': {
        const i = this.indicatorOrCreate(event.data.indicatorId, event.data.objectiveId);
        i.description.set(at, p, event.data.description);
        i.kind.set(at, p, event.data.kind);
        i.unit.set(at, p, event.data.unit);
        i.target.set(at, p, event.data.target);
        i.events.push(ref);
        this.objectiveOrCreate(event.data.objectiveId, null).events.push(ref);
        return;
      }
      case 'IndicatorRevised': {
        const i = this.indicatorOrCreate(event.data.indicatorId, event.data.objectiveId);
        if (event.data.description !== undefined) i.description.set(at, p, event.data.description);
        if (event.data.kind !== undefined) i.kind.set(at, p, event.data.kind);
        i.events.push(ref);
        this.objectiveOrCreate(event.data.objectiveId, null).events.push(ref);
        return;
      }
      case 'IndicatorTargetRevised': {
        const i = this.indicatorOrCreate(event.data.indicatorId, event.data.objectiveId);
        i.target.set(at, p, event.data.target);
        i.unit.set(at, p, event.data.unit);
        i.events.push(ref);
        this.objectiveOrCreate(event.data.objectiveId, null).events.push(ref);
        return;
      }
      case 'MeasurementRecorded':
        return this.recordMeasurement(event.data, ref);
      case 'PlanItemDefined': {
        let item = this.planItemsById.get(event.data.itemId);
        if (!item) this.planItemsById.set(event.data.itemId, (item = { data: event.data, defined: new Timeline(), events: [] }));
        // An id whose definition was annulled may be defined again: the new data is the item's.
        item.data = event.data;
        item.defined.set(at, p, event.data.itemId);
        item.events.push(ref);
        return;
      }
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled objective event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /**
   * Objectives of the plan year `year` as they stood at the cut, optionally for one unit.
   * Visits only the objectives that can be in that year's plan (the year index), and decides
   * membership with a few timeline look-ups before building any view.
   */
  pdo(year: number, cut: Cut, unitId?: string): ObjectiveView[] {
    const { maxPosition } = cut;
    const day = dayKey(cut.at);
    const key = String(year);
    const views: ObjectiveView[] = [];
    for (const o of this.candidates(key)) {
      if (o.status.valueAtDay(day, maxPosition) !== 'active') continue;
      if (unitId !== undefined && o.unitId.valueAtDay(day, maxPosition) !== unitId) continue;
      const statement =
        o.mode.valueAtDay(day, maxPosition) === 'yearly'
          ? o.years.get(key)?.valueAtDay(day, maxPosition) || undefined
          : year >= Number(o.status.firstValidFrom(maxPosition)!.slice(0, 4))
            ? o.title.valueAtDay(day, maxPosition)
            : undefined;
      if (statement === undefined) continue;
      const view = this.view(o, cut.at, day, maxPosition)!;
      view.title = statement;
      views.push(view);
    }
    return views;
  }

  /**
   * The items of `plans` defined at the cut (effective on or before `at`, recorded at or before
   * maxPosition, not retracted), in order of definition; every plan when `plans` is undefined.
   */
  planItems(cut: Cut, plans?: ReadonlySet<string>): PlanItemView[] {
    const day = dayKey(cut.at);
    const views: PlanItemView[] = [];
    for (const item of this.planItemsById.values()) {
      if (plans && !plans.has(item.data.plan)) continue;
      const version = item.defined.versionAtDay(day, cut.maxPosition);
      if (!version) continue;
      views.push({ ...item.data, effectiveFrom: version.validFrom, evidence: this.evidenceOf('status', version, day, cut.maxPosition) });
    }
    return views;
  }

  /** A plan item's timelines, for annulments and provenance; read-only. */
  planItemTimelines(itemId: string): PlanItemTimelines | undefined {
    return this.planItemsById.get(itemId);
  }

  objective(objectiveId: string, cut: Cut): ObjectiveView | undefined {
    const o = this.objectives.get(objectiveId);
    return o ? this.view(o, cut.at, dayKey(cut.at), cut.maxPosition) : undefined;
  }

  /** Whether the objective was ever defined, as known at maxPosition (false once an annulment retracted its definition). */
  knowsObjective(objectiveId: string, maxPosition: number): boolean {
    return this.objectives.get(objectiveId)?.status.firstValidFrom(maxPosition) !== undefined;
  }

  /** An objective's timelines, for provenance and annulments (src/read/provenance*.ts, annul-act.ts); read-only. */
  objectiveTimelines(objectiveId: string): ObjectiveTimelines | undefined {
    return this.objectives.get(objectiveId);
  }

  /** An indicator's timelines and measurements, for provenance and annulments; read-only. */
  indicatorTimelines(indicatorId: string): IndicatorTimelines | undefined {
    return this.indicators.get(indicatorId);
  }

  objectiveHistory(objectiveId: string, maxPosition: number): EventRef[] {
    return byEffectiveDate((this.objectives.get(objectiveId)?.events ?? []).filter((e) => e.position <= maxPosition));
  }

  indicatorHistory(indicatorId: string, maxPosition: number): EventRef[] {
    const i = this.indicators.get(indicatorId);
    if (!i) return [];
    const measurements = i.measurementOrdinals.filter((ordinal) => this.log.positionAt(ordinal) <= maxPosition).map((ordinal) => this.log.refAt(ordinal));
    return byEffectiveDate([...i.events.filter((e) => e.position <= maxPosition), ...measurements]);
  }

  /** The objective an indicator belongs to, if the indicator was ever defined (as known at maxPosition). */
  indicatorOwner(indicatorId: string, maxPosition: number): string | undefined {
    const i = this.indicators.get(indicatorId);
    return i && i.target.firstValidFrom(maxPosition) !== undefined ? i.objectiveId : undefined;
  }

  /** Measurements with measuredAt in [from, to], recorded at or before maxPosition. */
  measurements(indicatorId: string, range: { from?: string; to?: string; maxPosition: number }): MeasurementView[] {
    const log = this.log;
    return (this.indicators.get(indicatorId)?.measurementOrdinals ?? [])
      .filter((k) => {
        const measuredAt = log.measuredAtAt(k);
        return log.positionAt(k) <= range.maxPosition && (!range.from || measuredAt >= range.from) && (!range.to || measuredAt <= range.to);
      })
      .map((k) => measurementView(log, k, this.measurementBases));
  }

  /**
   * The objectives that can be in the plan of `year` (a statement for it ever, or open-ended),
   * in order of first appearance; kept per year until an objective joins either list.
   */
  private candidates(year: string): ObjectiveTimelines[] {
    const cached = this.candidatesByYear.get(year);
    if (cached && cached.generation === this.generation) return cached.objectives;
    const objectives = [...new Set([...(this.byYear.get(year) ?? []), ...this.openEnded])].sort((a, b) => a.ordinal - b.ordinal);
    this.candidatesByYear.set(year, { generation: this.generation, objectives });
    return objectives;
  }

  private noteBasis(event: PdoEvent, position: number): void {
    const metadata: EventMetadata = event.metadata;
    const basis = changeBasisOf(metadata);
    if (event.type === 'MeasurementRecorded') {
      const onItsDay = basis.period === null || (basis.period.from === event.data.measuredAt && basis.period.to === event.data.measuredAt);
      if (basis.basis !== 'attested' || basis.sources.length > 0 || !onItsDay) this.measurementBases.set(position, this.shared(basis));
      return;
    }
    this.bases.set(position, this.shared(basis));
  }

  private shared(basis: ChangeBasis): ChangeBasis {
    const key = `${basis.basis}|${basis.sources.join(',')}|${basis.period?.from ?? ''}|${basis.period?.to ?? ''}`;
    let shared = this.sharedBases.get(key);
    if (shared === undefined) this.sharedBases.set(key, (shared = basis));
    return shared;
  }

  /** The basis of the objective or indicator change at `position` (undefined for other events). */
  basisAt(position: number): ChangeBasis | undefined {
    return this.bases.get(position);
  }

  private evidenceOf<T>(field: string, version: Version<T>, day: number, maxPosition: number): Evidence {
    return attributeEvidence(field, version, this.bases.get(version.position) ?? { basis: 'enacted', sources: [], period: null, periodEndDay: null }, [], day, maxPosition);
  }

  /** The objective's view on `day` (= dayKey(at)) as known at maxPosition. */
  private view(o: ObjectiveTimelines, at: string, day: number, maxPosition: number): ObjectiveView | undefined {
    const status = o.status.valueAtDay(day, maxPosition);
    if (!status) return undefined;
    let years: Record<string, string> | null = null;
    let yearsEvidence: Record<string, Evidence> | null = null;
    if (o.mode.valueAtDay(day, maxPosition) === 'yearly') {
      // Year keys are integer-like, so the object enumerates them in ascending order.
      years = {};
      yearsEvidence = {};
      for (const [year, timeline] of o.years) {
        const statement = timeline.versionAtDay(day, maxPosition);
        if (!statement?.value) continue;
        years[year] = statement.value;
        yearsEvidence[year] = this.evidenceOf(`years/${year}`, statement, day, maxPosition);
      }
    }
    const titleVersion = o.title.versionAtDay(day, maxPosition)!;
    const evidence = this.evidenceOf('status', o.status.versionAtDay(day, maxPosition)!, day, maxPosition);
    const indicators: IndicatorView[] = [];
    for (const id of o.indicatorIds) {
      const view = this.indicatorView(this.indicators.get(id)!, at, day, maxPosition);
      if (view) indicators.push(view);
    }
    return {
      objectiveId: o.objectiveId,
      unitId: o.unitId.valueAtDay(day, maxPosition)!,
      title: o.title.valueAtDay(day, maxPosition)!,
      status,
      plan: o.plan,
      years,
      description: o.description.valueAtDay(day, maxPosition) ?? null,
      links: o.links.valueAtDay(day, maxPosition) ?? [],
      matrix: o.matrix.valueAtDay(day, maxPosition) ?? [],
      planItems: o.planItems.valueAtDay(day, maxPosition) ?? [],
      effectiveFrom: o.status.firstValidFrom(maxPosition)!,
      indicators,
      revision: revisionAt(o.events, maxPosition),
      evidence,
      titleEvidence: this.evidenceOf('title', titleVersion, day, maxPosition),
      yearsEvidence,
    };
  }

  private indicatorView(i: Indicator, at: string, day: number, maxPosition: number): IndicatorView | undefined {
    const target = i.target.versionAtDay(day, maxPosition);
    if (target === undefined) return undefined;
    return {
      indicatorId: i.indicatorId,
      description: i.description.valueAtDay(day, maxPosition)!,
      kind: i.kind.valueAtDay(day, maxPosition) ?? null,
      unit: i.unit.valueAtDay(day, maxPosition) ?? null,
      target: target.value,
      evidence: this.evidenceOf('target', target, day, maxPosition),
      latest: this.latestOf(i, at, day, maxPosition),
    };
  }

  private latestOf(i: Indicator, at: string, day: number, maxPosition: number): IndicatorView['latest'] {
    const ordinal = this.latestOrdinal(i, day, maxPosition);
    if (ordinal === undefined) return null;
    const measuredAt = this.log.measuredAtAt(ordinal);
    return { value: this.log.valueAt(ordinal), measuredAt, evidence: measurementEvidence(measuredAt, at, this.measurementBases.get(this.log.positionAt(ordinal))) };
  }

  /** The latest measurement (an indicator view's `latest`) as a MeasurementView, for its provenance. */
  latestMeasurement(indicatorId: string, at: string, maxPosition: number): MeasurementView | undefined {
    const i = this.indicators.get(indicatorId);
    const ordinal = i && this.latestOrdinal(i, dayKey(at), maxPosition);
    return ordinal === undefined ? undefined : measurementView(this.log, ordinal, this.measurementBases);
  }

  /**
   * The ordinal of the last measurement in (measuredAt, position) order with measuredAt <= at,
   * recorded at or before maxPosition: a binary search on measuredAt, then a scan back past
   * later records.
   */
  private latestOrdinal(i: Indicator, day: number, maxPosition: number): number | undefined {
    const ordinals = i.measurementOrdinals;
    for (let k = measuredBound(i, day, true) - 1; k >= 0; k--) {
      if (this.log.positionAt(ordinals[k]!) <= maxPosition) return ordinals[k];
    }
    return undefined;
  }

  /** Every measurement of one measuredAt, in position order (corrections after what they correct), as recorded by any position. */
  measurementsOn(indicatorId: string, measuredAt: string): MeasurementView[] {
    const i = this.indicators.get(indicatorId);
    if (!i) return [];
    const day = dayKey(measuredAt);
    const end = measuredBound(i, day, true);
    const views: MeasurementView[] = [];
    for (let k = measuredBound(i, day, false); k < end; k++) views.push(measurementView(this.log, i.measurementOrdinals[k]!, this.measurementBases));
    return views;
  }

  /** The measurement's values are in the log (the event was added to it just before). */
  private recordMeasurement(data: MeasurementRecorded, ref: EventRef): void {
    const i = this.indicatorOrCreate(data.indicatorId, data.objectiveId);
    const ordinal = this.log.ordinalOf(ref.position);
    const ordinals = i.measurementOrdinals;
    const days = i.measurementDays;
    const day = dayKey(data.measuredAt);
    // Measurements mostly arrive in date order: then they are appended without a search.
    if (ordinals.length === 0 || day >= days[days.length - 1]!) {
      ordinals.push(ordinal);
      days.push(day);
      return;
    }
    let k = ordinals.length - 1;
    while (k > 0 && days[k - 1]! > day) k--;
    ordinals.splice(k, 0, ordinal);
    days.splice(k, 0, day);
  }

  private objectiveOrCreate(objectiveId: string, plan: string | null): ObjectiveTimelines {
    let o = this.objectives.get(objectiveId);
    if (!o) {
      o = {
        objectiveId,
        ordinal: this.objectives.size,
        status: new Timeline(),
        title: new Timeline(),
        unitId: new Timeline(),
        plan,
        mode: new Timeline(),
        years: new Map(),
        links: new Timeline(),
        description: new Timeline(),
        matrix: new Timeline(),
        planItems: new Timeline(),
        indicatorIds: [],
        events: [],
      };
      this.objectives.set(objectiveId, o);
    }
    return o;
  }

  private yearOrCreate(o: ObjectiveTimelines, year: string): Timeline<string | null> {
    let timeline = o.years.get(year);
    if (!timeline) {
      o.years.set(year, (timeline = new Timeline()));
      const list = this.byYear.get(year);
      if (list) list.push(o);
      else this.byYear.set(year, [o]);
      this.generation += 1;
    }
    return timeline;
  }

  private indicatorOrCreate(indicatorId: string, objectiveId: string): Indicator {
    let i = this.indicators.get(indicatorId);
    if (!i) {
      i = new Indicator(indicatorId, objectiveId);
      this.indicators.set(indicatorId, i);
      this.objectiveOrCreate(objectiveId, null).indicatorIds.push(indicatorId);
    }
    return i;
  }
}

/**
 * Revision of the objective stream at the cut. Its events (indicator definitions and
 * revisions included: they are appended to the objective stream) are kept in position order,
 * so revisions grow with positions and the last event at or before maxPosition has it.
 */
function revisionAt(events: EventRef[], maxPosition: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.position <= maxPosition) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? -1 : events[lo - 1]!.revision;
}

/** Index into the indicator's measurements of its first one with measuredAt > day (`orEqual` false: >= day). */
function measuredBound(i: Indicator, day: number, orEqual: boolean): number {
  const days = i.measurementDays;
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const d = days[mid]!;
    if (d < day || (orEqual && d === day)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
