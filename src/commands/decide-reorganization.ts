/**
 * Decides a reorganisation: applies its changes in order to the structure as it stood on
 * the effective date (as known now) and either returns the events, or every invalid change
 * by index with the reason. All-or-nothing: one invalid change rejects the whole command.
 * Pure: the snapshot and the id generator are passed in.
 */
import type { OrgSnapshot } from '../../projections/org-chart-index.ts';
import type { EventDataByType, EventType } from '../../events/types.ts';
import type { FieldProblem } from '../errors.ts';
import type { ReorganizationChange } from './command-types.ts';
import { depthViolations } from './structure-walks.ts';

export type EventDraft = { [K in EventType]: { type: K; data: EventDataByType[K] } }[EventType];

export type Decision = { ok: true; events: EventDraft[] } | { ok: false; problems: FieldProblem[] };

/** A reorganisation decision also says which change (by index) produced each event. */
export type ReorganizationDecision = { ok: true; events: EventDraft[]; changeIndexes: number[] } | { ok: false; problems: FieldProblem[] };

type Units = OrgSnapshot['units'];

/**
 * `maxUnitDepth`: no establishment or move may leave a unit deeper than this many levels (a
 * root is level 1), unless it was already that deep (old data is not blamed on a change that
 * does not deepen it). Linear in the size of the structure plus the changes: every walk is
 * iterative (structure-walks.ts) and sub-units are found through an index, not a scan.
 */
export function decideReorganization(
  snapshot: OrgSnapshot,
  changes: ReorganizationChange[],
  newCompetencyId: (unitId: string) => string,
  maxUnitDepth: number,
): ReorganizationDecision {
  const units: Units = new Map([...snapshot.units].map(([id, u]) => [id, { ...u }]));
  const competencies = new Map([...snapshot.competencies].map(([id, c]) => [id, { ...c }]));
  const events: EventDraft[] = [];
  const problems: FieldProblem[] = [];
  const changeIndexes: number[] = [];
  /** Units under each parent and competencies held by each unit (stale entries are filtered when read), kept in step with the maps. */
  const children = new Map<string, Set<string>>();
  const held = new Map<string, Set<string>>();
  const link = (unitId: string, parentId: string | null) => addTo(children, parentId, unitId);
  const hold = (competencyId: string, holder: string | null) => addTo(held, holder, competencyId);
  for (const [id, u] of units) link(id, u.parentId);
  for (const [id, c] of competencies) hold(id, c.holder);
  /** Unit → index of the last change that established or moved it. */
  const placed = new Map<string, number>();

  const decideChange = (change: ReorganizationChange, index: number) => {
    const fail = (field: string, message: string) => problems.push({ field: `changes/${index}/${field}`, message });
    const active = (field: string, unitId: string): boolean => {
      const unit = units.get(unitId);
      if (!unit) fail(field, `unknown unit ${unitId}`);
      else if (!unit.active) fail(field, `unit ${unitId} is not active on the effective date (dissolved or not yet established)`);
      return unit?.active === true;
    };
    switch (change.op) {
      case 'establish': {
        const parentId = change.parentId ?? null;
        if (units.has(change.unitId)) return fail('unitId', `duplicate id: unit ${change.unitId} already exists in this org (ids are never reused)`);
        if (parentId !== null && !active('parentId', parentId)) return;
        units.set(change.unitId, { name: change.name, kind: change.kind, parentId, active: true, head: null });
        link(change.unitId, parentId);
        placed.set(change.unitId, index);
        return events.push({ type: 'UnitEstablished', data: { unitId: change.unitId, name: change.name, kind: change.kind, parentId } });
      }
      case 'rename': {
        if (!active('unitId', change.unitId)) return;
        const unit = units.get(change.unitId)!;
        if (unit.name === change.name) return fail('name', `unit ${change.unitId} is already named "${change.name}"`);
        unit.name = change.name;
        return events.push({ type: 'UnitRenamed', data: { unitId: change.unitId, name: change.name } });
      }
      case 'move': {
        if (!active('unitId', change.unitId)) return;
        if (change.parentId !== null && !active('parentId', change.parentId)) return;
        const unit = units.get(change.unitId)!;
        if (unit.parentId === change.parentId) return fail('parentId', `unit ${change.unitId} is already under ${change.parentId ?? 'no parent'}`);
        if (change.parentId !== null && isAncestorOrSelf(units, change.unitId, change.parentId)) {
          return fail('parentId', `parent cycle: ${change.parentId} is ${change.unitId} or one of its descendants`);
        }
        unit.parentId = change.parentId;
        link(change.unitId, change.parentId);
        placed.set(change.unitId, index);
        return events.push({ type: 'UnitMoved', data: { unitId: change.unitId, parentId: change.parentId } });
      }
      case 'reclassify': {
        if (!active('unitId', change.unitId)) return;
        const unit = units.get(change.unitId)!;
        if (unit.kind === change.kind) return fail('kind', `unit ${change.unitId} is already of kind "${change.kind}"`);
        unit.kind = change.kind;
        return events.push({ type: 'UnitReclassified', data: { unitId: change.unitId, kind: change.kind } });
      }
      case 'dissolve': {
        if (!active('unitId', change.unitId)) return;
        const successorIds = change.successorIds ?? [];
        for (const [k, successorId] of successorIds.entries()) {
          if (successorId === change.unitId) return fail(`successorIds/${k}`, 'a unit cannot succeed itself');
          if (!active(`successorIds/${k}`, successorId)) return;
        }
        const subUnits = [...(children.get(change.unitId) ?? [])].filter((id) => units.get(id)!.active && units.get(id)!.parentId === change.unitId);
        if (subUnits.length > 0) return fail('unitId', `unit ${change.unitId} still has active sub-units (${subUnits.join(', ')}): move or dissolve them first`);
        const holding = [...(held.get(change.unitId) ?? [])].filter((id) => competencies.get(id)!.holder === change.unitId);
        if (holding.length > 0) return fail('unitId', `unit ${change.unitId} still holds ${holding.length} competencies: transfer or withdraw them first`);
        units.get(change.unitId)!.active = false;
        return events.push({ type: 'UnitDissolved', data: { unitId: change.unitId, successorIds } });
      }
      case 'assign-competency': {
        if (!active('unitId', change.unitId)) return;
        const competencyId = change.competencyId ?? newCompetencyId(change.unitId);
        if (competencies.has(competencyId)) return fail('competencyId', `duplicate id: competency ${competencyId} already exists in this org`);
        competencies.set(competencyId, { holder: change.unitId, text: change.text });
        hold(competencyId, change.unitId);
        return events.push({ type: 'CompetencyAssigned', data: { competencyId, unitId: change.unitId, text: change.text } });
      }
      case 'withdraw-competency': {
        const holder = competencies.get(change.competencyId)?.holder;
        if (holder !== change.unitId) return fail('competencyId', `competency ${change.competencyId} is not held by ${change.unitId} on the effective date`);
        competencies.get(change.competencyId)!.holder = null;
        return events.push({ type: 'CompetencyWithdrawn', data: { competencyId: change.competencyId, unitId: change.unitId } });
      }
      case 'transfer-competency': {
        const competency = competencies.get(change.competencyId);
        if (competency?.holder !== change.fromUnitId) return fail('competencyId', `competency ${change.competencyId} is not held by ${change.fromUnitId} on the effective date`);
        if (change.toUnitId === change.fromUnitId) return fail('toUnitId', 'a competency cannot be transferred to the unit that holds it');
        if (!active('toUnitId', change.toUnitId)) return;
        competency.holder = change.toUnitId;
        hold(change.competencyId, change.toUnitId);
        return events.push({ type: 'CompetencyTransferred', data: { competencyId: change.competencyId, fromUnitId: change.fromUnitId, toUnitId: change.toUnitId } });
      }
      case 'appoint-head': {
        if (!active('unitId', change.unitId)) return;
        const title = change.title ?? null;
        units.get(change.unitId)!.head = { person: change.person, title };
        return events.push({ type: 'HeadAppointed', data: { unitId: change.unitId, person: change.person, title } });
      }
      case 'vacate-head': {
        if (!active('unitId', change.unitId)) return;
        const unit = units.get(change.unitId)!;
        if (!unit.head) return fail('unitId', `unit ${change.unitId} has no head on the effective date`);
        unit.head = null;
        return events.push({ type: 'HeadVacated', data: { unitId: change.unitId } });
      }
      default: {
        const unhandled: never = change;
        throw new Error(`unhandled change ${JSON.stringify(unhandled)}`);
      }
    }
  };
  changes.forEach((change, index) => {
    const count = events.length;
    decideChange(change, index);
    for (let i = count; i < events.length; i++) changeIndexes.push(index);
  });
  if (problems.length === 0) {
    for (const v of depthViolations(snapshot.units, units, new Set(placed.keys()), maxUnitDepth)) {
      problems.push({
        field: `changes/${placed.get(v.placedId)!}/parentId`,
        message: `unit ${v.unitId} would be at level ${v.depth}, deeper than the limit of ${maxUnitDepth} levels (ORGTRAIL_MAX_UNIT_DEPTH)`,
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, events, changeIndexes };
}

function addTo(index: Map<string, Set<string>>, key: string | null, member: string): void {
  if (key === null) return;
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(member);
}

/** True when `candidate` is `unitId` itself or below it. */
function isAncestorOrSelf(units: Units, unitId: string, candidate: string): boolean {
  const seen = new Set<string>();
  for (let current: string | null = candidate; current !== null && !seen.has(current); current = units.get(current)?.parentId ?? null) {
    if (current === unitId) return true;
    seen.add(current);
  }
  return false;
}
