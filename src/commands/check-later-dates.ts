/**
 * A reorganisation is decided on the structure of its effective date, but a backdated one
 * also holds on every later date until a later recorded change overrides it. This check
 * replays the decided events onto the structure of each later change date (as known now)
 * and rejects the command if it would leave, on any of them, a problem that was not there
 * before: an active unit under a dissolved or unknown parent, a parent cycle, a competency
 * held by a dissolved unit, or a unit deeper than the depth limit. Problems already present
 * without the command (old data) are not blamed on it. Reads the index, no clock, no I/O.
 *
 * Cost: each date is linear in the size of the org (two snapshots and iterative walks,
 * structure-walks.ts); the dates stop at the first on which every change of the command is
 * overridden. The walk over dates yields to the event loop every TIME_SLICE_MS, so that a
 * command backdated before years of history never holds it (other requests, other orgs, are
 * served in between). It reads the models at maxPosition only, which events applied meanwhile
 * do not change; a concurrent append to the org is caught by the append's expected revision.
 */
import type { AttributeRef, OrgChartIndex, OrgSnapshot } from '../../projections/org-chart-index.ts';
import type { FieldProblem } from '../errors.ts';
import type { EventDraft } from './decide-reorganization.ts';
import { depthViolations, parentCycles } from './structure-walks.ts';
import { TimeSlices } from './time-slices.ts';

/** Longest stretch of the check between two yields to the event loop. */
export const TIME_SLICE_MS = 10;

interface Overlay {
  target: AttributeRef;
  apply(state: OrgSnapshot): void;
  /** Index of the change in the command that produced it. */
  changeIndex: number;
  /** It establishes or moves a unit: the depth limit applies below it. */
  places?: true;
}

/** `changeIndexes[i]` is the index in the command of the change that produced `drafts[i]`. */
export async function laterDateProblems(
  chart: OrgChartIndex,
  drafts: EventDraft[],
  changeIndexes: number[],
  effectiveFrom: string,
  maxPosition: number,
  maxUnitDepth: number,
  sliceMs = TIME_SLICE_MS,
): Promise<FieldProblem[]> {
  const overlays = drafts.flatMap((draft, i) => overlaysOf(draft, changeIndexes[i]!));
  if (overlays.length === 0) return [];
  const slices = new TimeSlices(sliceMs);
  // The command was decided just before, in the same stretch: let the event loop turn first.
  await slices.yieldNow();
  for (const date of chart.changeDatesAfter(effectiveFrom)) {
    await slices.yieldIfDue();
    // Once a later change overrides an attribute it stays overridden on every later date.
    const standing = overlays.filter((overlay) => !chart.changedBetween(overlay.target, effectiveFrom, date, maxPosition));
    if (standing.length === 0) break;
    const before = chart.snapshot({ at: date, maxPosition });
    // Overlays replace the entries they change, never mutate them: `after` shares the rest with `before`.
    const after: OrgSnapshot = { units: new Map(before.units), competencies: new Map(before.competencies) };
    const blame = new Map<string, number>();
    const placed = new Set<string>();
    for (const overlay of standing) {
      overlay.apply(after);
      const subject = 'unitId' in overlay.target ? overlay.target.unitId : overlay.target.competencyId;
      blame.set(subject, overlay.changeIndex);
      if (overlay.places) placed.add(subject);
    }
    const existing = new Set(violations(before).map((v) => v.message));
    // Adding each reported message to `existing` also reports a cycle once, not once per unit on it.
    const added = violations(after).filter((v) => !existing.has(v.message) && existing.add(v.message));
    const deeper = depthViolations(before.units, after.units, placed, maxUnitDepth).map((v) => ({
      message: `unit ${v.unitId} at level ${v.depth}, deeper than the limit of ${maxUnitDepth} levels (ORGTRAIL_MAX_UNIT_DEPTH)`,
      subjects: [v.placedId],
    }));
    const found = [...added, ...deeper];
    if (found.length > 0) {
      return found.map((v) => ({
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
      return [{ changeIndex, places: true, target: { unitId, attribute: 'active' }, apply: (s) => void s.units.set(unitId, { name, kind, parentId, active: true, head: null }) }];
    }
    case 'UnitMoved': {
      const { unitId, parentId } = draft.data;
      return [{ changeIndex, places: true, target: { unitId, attribute: 'parentId' }, apply: (s) => replace(s.units, unitId, { parentId }) }];
    }
    case 'UnitDissolved': {
      const { unitId } = draft.data;
      return [{ changeIndex, target: { unitId, attribute: 'active' }, apply: (s) => replace(s.units, unitId, { active: false }) }];
    }
    case 'CompetencyAssigned': {
      const { competencyId, unitId, text } = draft.data;
      return [{ changeIndex, target: { competencyId, attribute: 'holder' }, apply: (s) => void s.competencies.set(competencyId, { holder: unitId, text }) }];
    }
    case 'CompetencyWithdrawn':
    case 'CompetencyTransferred': {
      const { competencyId } = draft.data;
      const holder = draft.type === 'CompetencyTransferred' ? draft.data.toUnitId : null;
      return [{ changeIndex, target: { competencyId, attribute: 'holder' }, apply: (s) => replace(s.competencies, competencyId, { holder }) }];
    }
    default:
      // Names, kinds and heads cannot break the structure on a later date.
      return [];
  }
}

/** Sets the entry to a changed copy (an absent entry stays absent). */
function replace<V extends object>(map: Map<string, V>, id: string, change: Partial<V>): void {
  const current = map.get(id);
  if (current) map.set(id, { ...current, ...change });
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
  }
  for (const cycle of parentCycles(state.units)) found.push({ message: `a parent cycle ${cycle.join(' → ')}`, subjects: cycle });
  for (const [competencyId, competency] of state.competencies) {
    if (competency.holder !== null && !state.units.get(competency.holder)?.active) {
      found.push({ message: `competency ${competencyId} held by ${competency.holder}, which is not active`, subjects: [competency.holder, competencyId] });
    }
  }
  return found;
}
