/**
 * Temporal index of one org's objectives, indicators and measurements (the PDO).
 * Pure fold of objective and measurement events: no clock, no I/O.
 */
import type { ObjectiveLink } from '../src/commands/command-types.ts';
import type { MeasurementRecorded, PdoEvent } from '../events/types.ts';
import { byEffectiveDate } from './order.ts';
import { Timeline } from './timeline.ts';
import type { Cut, EventRef, IndicatorView, MeasurementView, ObjectiveStatus, ObjectiveView } from './views.ts';

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
  /** Ordered by (measuredAt, position). */
  measurements: MeasurementView[];
  events: EventRef[];
}

export class PdoIndex {
  private readonly objectives = new Map<string, ObjectiveTimelines>();
  private readonly indicators = new Map<string, IndicatorTimelines>();
  /** Query index: plan year → objectives that ever had a statement for it (in first-seen order). */
  private readonly byYear = new Map<string, ObjectiveTimelines[]>();
  /** Query index: objectives ever defined open-ended (they may hold in any year). */
  private readonly openEnded: ObjectiveTimelines[] = [];

  apply(event: PdoEvent, ref: EventRef): void {
    const at = event.metadata.effectiveFrom;
    const p = ref.position;
    switch (event.type) {
      case 'ObjectiveDefined': {
        const o = this.objectiveOrCreate(event.data.objectiveId, event.data.plan);
        o.status.set(at, p, 'active');
        o.title.set(at, p, event.data.title);
        o.unitId.set(at, p, event.data.unitId);
        o.mode.set(at, p, event.data.years ? 'yearly' : 'open');
        if (!event.data.years && !this.openEnded.includes(o)) this.openEnded.push(o);
        for (const [year, statement] of Object.entries(event.data.years ?? {})) this.yearOrCreate(o, year).set(at, p, statement);
        o.links.set(at, p, event.data.links);
        o.events.push(ref);
        return;
      }
      case 'ObjectiveRevised': {
        const o = this.objectiveOrCreate(event.data.objectiveId, null);
        if (event.data.title !== undefined) o.title.set(at, p, event.data.title);
        if (event.data.unitId !== undefined) o.unitId.set(at, p, event.data.unitId);
        if (event.data.links !== undefined) o.links.set(at, p, event.data.links);
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
    const { at, maxPosition } = cut;
    const key = String(year);
    const candidates = [...new Set([...(this.byYear.get(key) ?? []), ...this.openEnded])].sort((a, b) => a.ordinal - b.ordinal);
    const views: ObjectiveView[] = [];
    for (const o of candidates) {
      if (o.status.valueAt(at, maxPosition) !== 'active') continue;
      if (unitId !== undefined && o.unitId.valueAt(at, maxPosition) !== unitId) continue;
      const statement =
        o.mode.valueAt(at, maxPosition) === 'yearly'
          ? o.years.get(key)?.valueAt(at, maxPosition) || undefined
          : year >= Number(o.status.firstValidFrom(maxPosition)!.slice(0, 4))
            ? o.title.valueAt(at, maxPosition)
            : undefined;
      if (statement === undefined) continue;
      views.push({ ...this.view(o, cut)!, title: statement });
    }
    return views;
  }

  objective(objectiveId: string, cut: Cut): ObjectiveView | undefined {
    const o = this.objectives.get(objectiveId);
    return o ? this.view(o, cut) : undefined;
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
    return byEffectiveDate((this.indicators.get(indicatorId)?.events ?? []).filter((e) => e.position <= maxPosition));
  }

  /** The objective an indicator belongs to, if the indicator was ever defined (as known at maxPosition). */
  indicatorOwner(indicatorId: string, maxPosition: number): string | undefined {
    const i = this.indicators.get(indicatorId);
    return i && i.target.firstValidFrom(maxPosition) !== undefined ? i.objectiveId : undefined;
  }

  /** Measurements with measuredAt in [from, to], recorded at or before maxPosition. */
  measurements(indicatorId: string, range: { from?: string; to?: string; maxPosition: number }): MeasurementView[] {
    return (this.indicators.get(indicatorId)?.measurements ?? []).filter(
      (m) => m.position <= range.maxPosition && (!range.from || m.measuredAt >= range.from) && (!range.to || m.measuredAt <= range.to),
    );
  }

  private view(o: ObjectiveTimelines, cut: Cut): ObjectiveView | undefined {
    const { at, maxPosition } = cut;
    const status = o.status.valueAt(at, maxPosition);
    if (!status) return undefined;
    let years: Record<string, string> | null = null;
    if (o.mode.valueAt(at, maxPosition) === 'yearly') {
      // Year keys are integer-like, so the object enumerates them in ascending order.
      years = {};
      for (const [year, timeline] of o.years) {
        const statement = timeline.valueAt(at, maxPosition);
        if (statement) years[year] = statement;
      }
    }
    return {
      objectiveId: o.objectiveId,
      unitId: o.unitId.valueAt(at, maxPosition)!,
      title: o.title.valueAt(at, maxPosition)!,
      status,
      plan: o.plan,
      years,
      links: o.links.valueAt(at, maxPosition) ?? [],
      effectiveFrom: o.status.firstValidFrom(maxPosition)!,
      indicators: this.indicatorViews(o, cut),
      revision: revisionAt(o.events, maxPosition),
    };
  }

  private indicatorViews(o: ObjectiveTimelines, cut: Cut): IndicatorView[] {
    const views: IndicatorView[] = [];
    for (const id of o.indicatorIds) {
      const view = this.indicatorView(id, cut);
      if (view) views.push(view);
    }
    return views;
  }

  private indicatorView(indicatorId: string, cut: Cut): IndicatorView | undefined {
    const i = this.indicators.get(indicatorId)!;
    const { at, maxPosition } = cut;
    const target = i.target.valueAt(at, maxPosition);
    if (target === undefined) return undefined;
    let latest: IndicatorView['latest'] = null;
    for (let k = i.measurements.length - 1; k >= 0; k--) {
      const m = i.measurements[k]!;
      if (m.measuredAt <= at && m.position <= maxPosition) {
        latest = { value: m.value, measuredAt: m.measuredAt };
        break;
      }
    }
    return {
      indicatorId,
      description: i.description.valueAt(at, maxPosition)!,
      kind: i.kind.valueAt(at, maxPosition) ?? null,
      unit: i.unit.valueAt(at, maxPosition) ?? null,
      target,
      latest,
    };
  }

  private recordMeasurement(data: MeasurementRecorded, ref: EventRef): void {
    const i = this.indicatorOrCreate(data.indicatorId, data.objectiveId);
    const m: MeasurementView = { value: data.value, measuredAt: data.measuredAt, note: data.note, source: data.source, recordedAt: ref.recordedAt, position: ref.position };
    let k = i.measurements.length;
    while (k > 0 && i.measurements[k - 1]!.measuredAt > m.measuredAt) k--;
    i.measurements.splice(k, 0, m);
    i.events.push(ref);
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
    }
    return timeline;
  }

  private indicatorOrCreate(indicatorId: string, objectiveId: string): IndicatorTimelines {
    let i = this.indicators.get(indicatorId);
    if (!i) {
      i = { indicatorId, objectiveId, description: new Timeline(), kind: new Timeline(), unit: new Timeline(), target: new Timeline(), measurements: [], events: [] };
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
