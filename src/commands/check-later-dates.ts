/**
 * A reorganisation is decided on the structure of its effective date, but a backdated one
 * also holds on every later date until a later recorded change overrides it. This check
 * replays the decided events onto the structure of each later change date (as known now)
 * and rejects the command if it would leave, on any of them, a problem that was not there
 * before: an active unit under a dissolved or unknown parent, a parent cycle, or a
 * competency held by a dissolved unit. Problems already present without the command (old
 * data) are not blamed on it. Pure: reads the index, no clock, no I/O.
 */
import type { AttributeRef, OrgChartIndex, OrgSnapshot } from '../../projections/org-chart-index.ts';
import type { FieldProblem } from '../errors.ts';
import type { EventDraft } from './decide-reorganization.ts';

interface Overlay {
  target: AttributeRef;
  apply(state: OrgSnapshot): void;
  /** Index of the change in the command that produced it. */
  changeIndex: number;
}

/** `changeIndexes[i]` is the index in the command of the change that produced `drafts[i]`. */
export function laterDateProblems(
  chart: OrgChartIndex,
  drafts: EventDraft[],
  changeIndexes: number[],
  effectiveFrom: string,
  maxPosition: number,
): FieldProblem[] {
  const overlays = drafts.flatMap((draft, i) => overlaysOf(draft, changeIndexes[i]!));
  if (overlays.length === 0) return [];
  for (const date of chart.changeDatesAfter(effectiveFrom)) {
    const before = chart.snapshot({ at: date, maxPosition });
    const after = chart.snapshot({ at: date, maxPosition });
    const blame = new Map<string, number>();
    for (const overlay of overlays) {
      if (chart.changedBetween(overlay.target, effectiveFrom, date, maxPosition)) continue;
      overlay.apply(after);
      blame.set('unitId' in overlay.target ? overlay.target.unitId : overlay.target.competencyId, overlay.changeIndex);
    }
    const existing = new Set(violations(before).map((v) => v.message));
    // Adding each reported message to `existing` also reports a cycle once, not once per unit on it.
    const added = violations(after).filter((v) => !existing.has(v.message) && existing.add(v.message));
    if (added.length > 0) {
      return added.map((v) => ({
        field: `changes/${v.subjects.map((s) => blame.get(s)).find((i) => i !== undefined) ?? 0}`,
        message: `on ${date}, when a later recorded change holds, this command would leave ${v.message}`,
      }));
    }
  }
  return [];
}

function overlaysOf(draft: EventDraft, changeIndex: number): Overlay[] {
  switch (draft.type) {
    case 'UnitEstablished': {
      const { unitId, name, kind, parentId } = draft.data;
      return [{ changeIndex, target: { unitId, attribute: 'active' }, apply: (s) => void s.units.set(unitId, { name, kind, parentId, active: true, head: null }) }];
    }
    case 'UnitMoved': {
      const { unitId, parentId } = draft.data;
      return [{ changeIndex, target: { unitId, attribute: 'parentId' }, apply: (s) => void (s.units.get(unitId) && (s.units.get(unitId)!.parentId = parentId)) }];
    }
    case 'UnitDissolved': {
      const { unitId } = draft.data;
      return [{ changeIndex, target: { unitId, attribute: 'active' }, apply: (s) => void (s.units.get(unitId) && (s.units.get(unitId)!.active = false)) }];
    }
    case 'CompetencyAssigned': {
      const { competencyId, unitId, text } = draft.data;
      return [{ changeIndex, target: { competencyId, attribute: 'holder' }, apply: (s) => void s.competencies.set(competencyId, { holder: unitId, text }) }];
    }
    case 'CompetencyWithdrawn':
    case 'CompetencyTransferred': {
      const { competencyId } = draft.data;
      const holder = draft.type === 'CompetencyTransferred' ? draft.data.toUnitId : null;
      return [{ changeIndex, target: { competencyId, attribute: 'holder' }, apply: (s) => void (s.competencies.get(competencyId) && (s.competencies.get(competencyId)!.holder = holder)) }];
    }
    default:
      // Names, kinds and heads cannot break the structure on a later date.
      return [];
  }
}

interface Violation {
  message: string;
  /** Units or competencies involved, to blame the change that touched one of them. */
  subjects: string[];
}

function violations(state: OrgSnapshot): Violation[] {
  const found: Violation[] = [];
  for (const [unitId, unit] of state.units) {
    if (!unit.active || unit.parentId === null) continue;
    const parent = state.units.get(unit.parentId);
    if (!parent?.active) found.push({ message: `unit ${unitId} under ${unit.parentId}, which is not active`, subjects: [unit.parentId, unitId] });
    const cycle = cycleFrom(state, unitId);
    if (cycle) found.push({ message: `a parent cycle ${cycle.join(' → ')}`, subjects: cycle });
  }
  for (const [competencyId, competency] of state.competencies) {
    if (competency.holder !== null && !state.units.get(competency.holder)?.active) {
      found.push({ message: `competency ${competencyId} held by ${competency.holder}, which is not active`, subjects: [competency.holder, competencyId] });
    }
  }
  return found;
}

/** The cycle through unitId (in a canonical rotation, so each cycle is reported once), or undefined. */
function cycleFrom(state: OrgSnapshot, unitId: string): string[] | undefined {
  const path: string[] = [];
  for (let current: string | null = unitId; current !== null; current = state.units.get(current)?.parentId ?? null) {
    const seenAt = path.indexOf(current);
    if (seenAt === 0) {
      const start = path.indexOf([...path].sort()[0]!);
      return [...path.slice(start), ...path.slice(0, start), path[start]!];
    }
    if (seenAt > 0) return undefined;
    path.push(current);
  }
  return undefined;
}
