/**
 * What an event does to the entities of its org: which entity it creates, which ones it refers
 * to, and which entities' timelines it sets. Used by annulments (what is gone, what refers to
 * it) and by history before/after (which attributes an event changed). Pure.
 */
import type { EventDataByType, EventType } from '../events/types.ts';
import type { OrgModels } from './read-models.ts';
import type { Timeline } from './timeline.ts';
import type { EventRef } from './views.ts';

/** `unit:<id>`, `competency:<id>`, `objective:<id>`, `indicator:<id>`, `planitem:<id>`. */
export type EntityKey = string;

export interface Footprint {
  creates: EntityKey | null;
  refersTo: EntityKey[];
  /** Entities whose timelines the event set. */
  sets: EntityKey[];
}

type TypedData = { [K in EventType]: { type: K; data: EventDataByType[K] } }[EventType];

export function splitEntityKey(key: EntityKey): { kind: string; id: string } {
  const colon = key.indexOf(':');
  return { kind: key.slice(0, colon), id: key.slice(colon + 1) };
}

/**
 * The timelines of an entity, each with its attribute name (`years/<year>` for an objective's
 * statements). `mode` (yearly or open-ended) is the objective's internal attribute.
 */
export function entityTimelines(org: OrgModels, key: EntityKey): [string, Timeline<unknown>][] {
  const { kind, id } = splitEntityKey(key);
  if (kind === 'unit') {
    const u = org.chart.unitTimelines(id);
    return u ? [['active', u.active], ['name', u.name], ['kind', u.kind], ['parentId', u.parentId], ['head', u.head]] : [];
  }
  if (kind === 'competency') {
    const c = org.chart.competencyTimelines(id);
    return c ? [['holder', c.holder], ['text', c.text]] : [];
  }
  if (kind === 'objective') {
    const o = org.pdo.objectiveTimelines(id);
    if (!o) return [];
    const years = [...o.years].map(([year, timeline]): [string, Timeline<unknown>] => [`years/${year}`, timeline]);
    return [['status', o.status], ['title', o.title], ['unitId', o.unitId], ['mode', o.mode], ['links', o.links], ['description', o.description], ['matrix', o.matrix], ['planItems', o.planItems], ...years];
  }
  if (kind === 'planitem') {
    const item = org.pdo.planItemTimelines(id);
    return item ? [['status', item.defined]] : [];
  }
  const i = org.pdo.indicatorTimelines(id);
  return i ? [['description', i.description], ['kind', i.kind], ['unit', i.unit], ['target', i.target]] : [];
}

const unit = (id: string | null): EntityKey[] => (id === null ? [] : [`unit:${id}`]);

export function footprintOf(ref: Pick<EventRef, 'type' | 'data'>): Footprint {
  const event = { type: ref.type, data: ref.data } as unknown as TypedData;
  switch (event.type) {
    case 'OrgRegistered':
    case 'ActAnnulled':
    case 'SourceRegistered':
    case 'SnapshotImported':
    case 'InferencesSuperseded':
    // A source's view stands as recorded: it refers to nothing an annulment could take away.
    case 'FactsAttested':
      return { creates: null, refersTo: [], sets: [] };
    case 'UnitEstablished':
      return { creates: `unit:${event.data.unitId}`, refersTo: unit(event.data.parentId), sets: unit(event.data.unitId) };
    case 'UnitRenamed':
    case 'UnitReclassified':
    case 'HeadAppointed':
    case 'HeadVacated':
      return { creates: null, refersTo: unit(event.data.unitId), sets: unit(event.data.unitId) };
    case 'UnitMoved':
      return { creates: null, refersTo: [...unit(event.data.unitId), ...unit(event.data.parentId)], sets: unit(event.data.unitId) };
    case 'UnitDissolved':
      return { creates: null, refersTo: [event.data.unitId, ...event.data.successorIds].flatMap(unit), sets: unit(event.data.unitId) };
    case 'CompetencyAssigned':
      return { creates: `competency:${event.data.competencyId}`, refersTo: unit(event.data.unitId), sets: [`competency:${event.data.competencyId}`] };
    case 'CompetencyWithdrawn':
      return { creates: null, refersTo: [`competency:${event.data.competencyId}`, ...unit(event.data.unitId)], sets: [`competency:${event.data.competencyId}`] };
    case 'CompetencyTransferred':
      return {
        creates: null,
        refersTo: [`competency:${event.data.competencyId}`, ...unit(event.data.fromUnitId), ...unit(event.data.toUnitId)],
        sets: [`competency:${event.data.competencyId}`],
      };
    case 'PlanItemDefined':
      return { creates: `planitem:${event.data.itemId}`, refersTo: [], sets: [`planitem:${event.data.itemId}`] };
    case 'ObjectiveDefined':
      return { creates: `objective:${event.data.objectiveId}`, refersTo: unit(event.data.unitId), sets: [`objective:${event.data.objectiveId}`] };
    case 'ObjectiveRevised':
      return { creates: null, refersTo: [`objective:${event.data.objectiveId}`, ...unit(event.data.unitId ?? null)], sets: [`objective:${event.data.objectiveId}`] };
    case 'ObjectiveWithdrawn':
      return { creates: null, refersTo: [`objective:${event.data.objectiveId}`], sets: [`objective:${event.data.objectiveId}`] };
    case 'IndicatorDefined':
      return { creates: `indicator:${event.data.indicatorId}`, refersTo: [`objective:${event.data.objectiveId}`], sets: [`indicator:${event.data.indicatorId}`] };
    case 'IndicatorRevised':
    case 'IndicatorTargetRevised':
    case 'MeasurementRecorded':
      return { creates: null, refersTo: [`indicator:${event.data.indicatorId}`, `objective:${event.data.objectiveId}`], sets: [`indicator:${event.data.indicatorId}`] };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}
