/**
 * Baseline (a): replay per query, the naive event-sourcing way. Every query takes the log
 * up to `asKnownAt` (the events are in position order and recordedAt never decreases, so it
 * reads from the start and stops at the first event recorded later), keeps the events
 * effective on or before `at`, sorts them by (effective date, position) and folds them into
 * plain maps — a fold written independently of the service's temporal indexes, so that the
 * comparison of answers also cross-checks them.
 *
 * Two sources of the log:
 * - MemoryLog: the events parsed once and kept in memory, per stream family (the org stream
 *   for the org chart; the objective and indicator streams for the PDO). The generous
 *   variant: no I/O, no JSON.parse per query. The ratio targets are measured against it.
 * - StoreLog: read through the EventStore port on every query (readStream for the org chart,
 *   readAll paged for the PDO) — what a service without read models would do.
 */
import type { EventDataByType, EventMetadata } from '../events/types.ts';
import type { ObjectiveLink } from '../src/commands/command-types.ts';
import type { Head } from '../projections/views.ts';
import { orgStream } from '../src/commands/streams.ts';
import type { EventStore, RecordedEvent } from '../src/store/event-store.ts';
import type { AsOfQueries, IndicatorState, ObjectiveState, UnitState } from './as-of-queries.ts';

export interface ReplayLog {
  /** The org stream up to asKnownAt, in position order. */
  orgEvents(orgId: string, asKnownAt: string): RecordedEvent[] | Promise<RecordedEvent[]>;
  /** The org's objective and indicator streams up to asKnownAt, in position order; null if the org is unknown then. */
  pdoEvents(orgId: string, asKnownAt: string): RecordedEvent[] | null | Promise<RecordedEvent[] | null>;
}

function upTo(events: readonly RecordedEvent[], asKnownAt: string): RecordedEvent[] {
  const out: RecordedEvent[] = [];
  for (const event of events) {
    if (event.recordedAt > asKnownAt) break;
    out.push(event);
  }
  return out;
}

const isPdoStream = (orgId: string, streamId: string) => streamId.startsWith(`objective-${orgId}.`) || streamId.startsWith(`indicator-${orgId}.`);

export class MemoryLog implements ReplayLog {
  private readonly org = new Map<string, RecordedEvent[]>();
  private readonly pdo = new Map<string, RecordedEvent[]>();
  count = 0;

  add(event: RecordedEvent): void {
    this.count += 1;
    const orgId = (event.metadata as EventMetadata).orgId;
    const family = event.streamId.startsWith('org-') ? this.org : isPdoStream(orgId, event.streamId) ? this.pdo : undefined;
    if (!family) return;
    const list = family.get(orgId);
    if (list) list.push(event);
    else family.set(orgId, [event]);
  }

  orgEvents(orgId: string, asKnownAt: string): RecordedEvent[] {
    return upTo(this.org.get(orgId) ?? [], asKnownAt);
  }

  pdoEvents(orgId: string, asKnownAt: string): RecordedEvent[] | null {
    const registered = this.org.get(orgId)?.[0];
    if (!registered || registered.recordedAt > asKnownAt) return null;
    return upTo(this.pdo.get(orgId) ?? [], asKnownAt);
  }
}

export class StoreLog implements ReplayLog {
  constructor(
    private readonly store: EventStore,
    private readonly pageSize = 5_000,
  ) {}

  async orgEvents(orgId: string, asKnownAt: string): Promise<RecordedEvent[]> {
    return upTo(await this.store.readStream(orgStream(orgId)), asKnownAt);
  }

  async pdoEvents(orgId: string, asKnownAt: string): Promise<RecordedEvent[] | null> {
    const [registered] = await this.store.readStream(orgStream(orgId), { maxCount: 1 });
    if (!registered || registered.recordedAt > asKnownAt) return null;
    const out: RecordedEvent[] = [];
    let after = -1;
    for (;;) {
      const page = await this.store.readAll({ fromPosition: after, maxCount: this.pageSize });
      for (const event of page) {
        if (event.position <= after) continue;
        if (event.recordedAt > asKnownAt) return out;
        if (isPdoStream(orgId, event.streamId)) out.push(event);
      }
      if (page.length < this.pageSize) return out;
      after = page[page.length - 1]!.position;
    }
  }
}

const effectiveOf = (e: RecordedEvent) => (e.metadata as EventMetadata).effectiveFrom;

/** Events effective on or before `at`, in (effective date, position) order. */
function inHistoryOrder(events: readonly RecordedEvent[], at: string): RecordedEvent[] {
  return events
    .filter((e) => effectiveOf(e) <= at)
    .sort((a, b) => {
      const x = effectiveOf(a);
      const y = effectiveOf(b);
      return x < y ? -1 : x > y ? 1 : a.position - b.position;
    });
}

interface UnitFold {
  active?: boolean;
  name?: string;
  kind?: string;
  parentId?: string | null;
  head?: Head | null;
}

interface ObjectiveFold {
  status?: 'active' | 'withdrawn';
  title?: string;
  unitId?: string;
  plan: string | null;
  mode?: 'open' | 'yearly';
  years: Map<string, string | null>;
  links?: ObjectiveLink[];
  indicatorIds: string[];
  /** Over every event known, whatever its effective date (as the read models define them). */
  firstValidFrom?: string;
  revision: number;
}

interface IndicatorFold {
  objectiveId: string;
  description?: string;
  kind?: string | null;
  unit?: string | null;
  target?: number;
  latest?: { value: number; measuredAt: string };
}

export class ReplayQueries implements AsOfQueries {
  constructor(
    readonly name: string,
    private readonly log: ReplayLog,
  ) {}

  async orgChart(orgId: string, at: string, asKnownAt: string): Promise<UnitState[]> {
    return foldOrgChart(await this.log.orgEvents(orgId, asKnownAt), at);
  }

  async pdo(orgId: string, year: number, at: string, asKnownAt: string): Promise<ObjectiveState[]> {
    const events = await this.log.pdoEvents(orgId, asKnownAt);
    return events ? foldPdo(events, year, at) : [];
  }
}

export function foldOrgChart(known: readonly RecordedEvent[], at: string): UnitState[] {
  const units = new Map<string, UnitFold>();
  const competencies = new Map<string, { holder?: string | null; text?: string }>();
  const unit = (id: string) => units.get(id) ?? units.set(id, {}).get(id)!;
  const competency = (id: string) => competencies.get(id) ?? competencies.set(id, {}).get(id)!;
  for (const event of inHistoryOrder(known, at)) {
    switch (event.type) {
      case 'UnitEstablished': {
        const d = event.data as EventDataByType['UnitEstablished'];
        Object.assign(unit(d.unitId), { active: true, name: d.name, kind: d.kind, parentId: d.parentId });
        break;
      }
      case 'UnitRenamed': {
        const d = event.data as EventDataByType['UnitRenamed'];
        unit(d.unitId).name = d.name;
        break;
      }
      case 'UnitMoved': {
        const d = event.data as EventDataByType['UnitMoved'];
        unit(d.unitId).parentId = d.parentId;
        break;
      }
      case 'UnitReclassified': {
        const d = event.data as EventDataByType['UnitReclassified'];
        unit(d.unitId).kind = d.kind;
        break;
      }
      case 'UnitDissolved':
        unit((event.data as EventDataByType['UnitDissolved']).unitId).active = false;
        break;
      case 'CompetencyAssigned': {
        const d = event.data as EventDataByType['CompetencyAssigned'];
        Object.assign(competency(d.competencyId), { holder: d.unitId, text: d.text });
        break;
      }
      case 'CompetencyWithdrawn':
        competency((event.data as EventDataByType['CompetencyWithdrawn']).competencyId).holder = null;
        break;
      case 'CompetencyTransferred': {
        const d = event.data as EventDataByType['CompetencyTransferred'];
        competency(d.competencyId).holder = d.toUnitId;
        break;
      }
      case 'HeadAppointed': {
        const d = event.data as EventDataByType['HeadAppointed'];
        unit(d.unitId).head = { person: d.person, title: d.title };
        break;
      }
      case 'HeadVacated':
        unit((event.data as EventDataByType['HeadVacated']).unitId).head = null;
        break;
      default:
        break;
    }
  }
  const views = new Map<string, UnitState>();
  for (const [unitId, u] of units) {
    if (u.active !== true) continue;
    views.set(unitId, { unitId, name: u.name!, kind: u.kind!, parentId: u.parentId ?? null, competencies: [], head: u.head ?? null });
  }
  for (const [competencyId, c] of competencies) {
    const holder = c.holder ? views.get(c.holder) : undefined;
    if (holder) holder.competencies.push({ competencyId, text: c.text! });
  }
  return [...views.values()];
}

export function foldPdo(known: readonly RecordedEvent[], year: number, at: string): ObjectiveState[] {
  const objectives = new Map<string, ObjectiveFold>();
  const indicators = new Map<string, IndicatorFold>();
  const objective = (id: string, plan: string | null = null) => {
    let o = objectives.get(id);
    if (!o) objectives.set(id, (o = { plan, years: new Map(), indicatorIds: [], revision: -1 }));
    return o;
  };
  const indicator = (id: string, objectiveId: string) => {
    let i = indicators.get(id);
    if (!i) {
      indicators.set(id, (i = { objectiveId }));
      objective(objectiveId).indicatorIds.push(id);
    }
    return i;
  };
  // What depends on system time only: creation order, the first valid date of the status, the stream revision.
  for (const event of known) {
    if (event.type === 'MeasurementRecorded') {
      const d = event.data as EventDataByType['MeasurementRecorded'];
      indicator(d.indicatorId, d.objectiveId);
      continue;
    }
    const d = event.data as { objectiveId: string; indicatorId?: string; plan?: string | null };
    const o = objective(d.objectiveId, event.type === 'ObjectiveDefined' ? (d.plan ?? null) : null);
    o.revision = Math.max(o.revision, event.revision);
    if (d.indicatorId !== undefined) indicator(d.indicatorId, d.objectiveId);
    if (event.type === 'ObjectiveDefined' || event.type === 'ObjectiveWithdrawn') {
      const from = effectiveOf(event);
      if (o.firstValidFrom === undefined || from < o.firstValidFrom) o.firstValidFrom = from;
    }
  }
  for (const event of inHistoryOrder(known, at)) {
    switch (event.type) {
      case 'ObjectiveDefined': {
        const d = event.data as EventDataByType['ObjectiveDefined'];
        const o = objective(d.objectiveId);
        Object.assign(o, { status: 'active', title: d.title, unitId: d.unitId, mode: d.years ? 'yearly' : 'open', links: d.links });
        for (const [y, statement] of Object.entries(d.years ?? {})) o.years.set(y, statement);
        break;
      }
      case 'ObjectiveRevised': {
        const d = event.data as EventDataByType['ObjectiveRevised'];
        const o = objective(d.objectiveId);
        if (d.title !== undefined) o.title = d.title;
        if (d.unitId !== undefined) o.unitId = d.unitId;
        if (d.links !== undefined) o.links = d.links;
        if (d.years !== undefined) {
          o.mode = 'yearly';
          for (const [y, statement] of Object.entries(d.years)) o.years.set(y, statement);
        }
        break;
      }
      case 'ObjectiveWithdrawn':
        objective((event.data as EventDataByType['ObjectiveWithdrawn']).objectiveId).status = 'withdrawn';
        break;
      case 'IndicatorDefined': {
        const d = event.data as EventDataByType['IndicatorDefined'];
        Object.assign(indicator(d.indicatorId, d.objectiveId), { description: d.description, kind: d.kind, unit: d.unit, target: d.target });
        break;
      }
      case 'IndicatorRevised': {
        const d = event.data as EventDataByType['IndicatorRevised'];
        const i = indicator(d.indicatorId, d.objectiveId);
        if (d.description !== undefined) i.description = d.description;
        if (d.kind !== undefined) i.kind = d.kind;
        break;
      }
      case 'IndicatorTargetRevised': {
        const d = event.data as EventDataByType['IndicatorTargetRevised'];
        Object.assign(indicator(d.indicatorId, d.objectiveId), { target: d.target, unit: d.unit });
        break;
      }
      case 'MeasurementRecorded': {
        const d = event.data as EventDataByType['MeasurementRecorded'];
        const i = indicator(d.indicatorId, d.objectiveId);
        if (d.measuredAt <= at && (!i.latest || d.measuredAt >= i.latest.measuredAt)) i.latest = { value: d.value, measuredAt: d.measuredAt };
        break;
      }
      default:
        break;
    }
  }
  const views: ObjectiveState[] = [];
  for (const [objectiveId, o] of objectives) {
    if (o.status !== 'active') continue;
    let years: Record<string, string> | null = null;
    if (o.mode === 'yearly') {
      years = {};
      for (const y of [...o.years.keys()].sort()) {
        const statement = o.years.get(y);
        if (statement) years[y] = statement;
      }
    }
    const effectiveFrom = o.firstValidFrom!;
    const statement = years ? years[String(year)] : year >= Number(effectiveFrom.slice(0, 4)) ? o.title : undefined;
    if (statement === undefined) continue;
    const indicatorViews: IndicatorState[] = [];
    for (const indicatorId of o.indicatorIds) {
      const i = indicators.get(indicatorId)!;
      if (i.target === undefined) continue;
      indicatorViews.push({ indicatorId, description: i.description!, kind: i.kind ?? null, unit: i.unit ?? null, target: i.target, latest: i.latest ?? null });
    }
    views.push({
      objectiveId,
      unitId: o.unitId!,
      title: statement,
      status: 'active',
      plan: o.plan,
      years,
      // The generated events are of data v1: upcast, they have no description, matrix rows or plan items.
      description: null,
      links: o.links ?? [],
      matrix: [],
      planItems: [],
      effectiveFrom,
      indicators: indicatorViews,
      revision: o.revision,
    });
  }
  return views;
}
