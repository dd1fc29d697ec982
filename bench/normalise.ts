/**
 * Normal forms of answers, so that implementations that build them in different orders can be
 * compared for equality: units, competencies, objectives and indicators sorted by id, object
 * keys sorted. Lists whose order is meaningful (an objective's links) are kept as they are.
 */
import type { ObjectiveState, UnitState } from './as-of-queries.ts';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Evidence is dropped: the implementations are compared on state (see UnitState). */
export function normaliseUnits(units: readonly UnitState[]): UnitState[] {
  return [...units]
    .map((u) => ({
      unitId: u.unitId,
      name: u.name,
      kind: u.kind,
      parentId: u.parentId,
      head: u.head && { person: u.head.person, title: u.head.title },
      competencies: [...u.competencies].map((c) => ({ competencyId: c.competencyId, text: c.text })).sort((a, b) => byString(a.competencyId, b.competencyId)),
    }))
    .sort((a, b) => byString(a.unitId, b.unitId));
}

/** Evidence is dropped: the implementations are compared on state (see ObjectiveState). */
export function normaliseObjectives(objectives: readonly ObjectiveState[]): ObjectiveState[] {
  return [...objectives]
    .map((o) => {
      const { evidence: _e, titleEvidence: _t, yearsEvidence: _y, ...state } = o as ObjectiveState & { evidence?: unknown; titleEvidence?: unknown; yearsEvidence?: unknown };
      const indicators = o.indicators.map((i) => {
        const { evidence: _ie, ...indicator } = i as typeof i & { evidence?: unknown };
        return { ...indicator, latest: i.latest && { value: i.latest.value, measuredAt: i.latest.measuredAt } };
      });
      return { ...state, indicators: indicators.sort((a, b) => byString(a.indicatorId, b.indicatorId)) };
    })
    .sort((a, b) => byString(a.objectiveId, b.objectiveId));
}

/** JSON with the keys of every object sorted (undefined members dropped, as JSON does). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}

/** A short description of the first difference between two normalised answers, or null when equal. */
export function firstDifference(a: readonly unknown[], b: readonly unknown[]): string | null {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = canonicalJson(a[i]);
    const y = canonicalJson(b[i]);
    if (x !== y) return `item ${i} of ${a.length} vs ${b.length}:\n    ${String(x).slice(0, 600)}\n    ${String(y).slice(0, 600)}`;
  }
  return null;
}
