/**
 * What answers add to the evidence the folds give every fact (docs/evidence.md): the coverage
 * of `at`, "not attested by" for the units a complete-structure source omits, and the
 * `evidence=` / `attestedWithinDays=` filters. Costs one pass over the answer; the frozen
 * views are copied only where a complete-scope source covers `at`.
 */
import type { ReadModels } from '../../projections/read-models.ts';
import type { Evidence, EvidenceStatus, ObjectiveView, UnitView } from '../../projections/views.ts';
import { coverageOf } from '../commands/resolve-evidence.ts';
import { daysBetween } from '../time/calendar-date.ts';

export interface Coverage {
  status: 'covered' | 'uncovered';
  /** Registered sources whose period (or issue day) contains `at`, then the acts whose enacted facts stand in the answer. */
  sources: string[];
}

export interface EvidenceFilter {
  /** Statuses to keep. */
  evidence?: EvidenceStatus[];
  /** Drop carried-forward facts last attested more than this many days before `at`. */
  attestedWithinDays?: number;
}

/** The org's registered sources whose coverage contains `at`, as known at maxPosition. */
export function sourcesCovering(models: ReadModels, orgId: string, at: string, maxPosition: number) {
  return models.sources.ofOrg(orgId, maxPosition).filter((r) => {
    const { from, to } = coverageOf(r.source);
    return from <= at && at <= to;
  });
}

/** `covered` when a registered source covers `at` or an act's enacted facts stand in the answer. */
export function coverageOfAnswer(covering: readonly { source: { sourceId: string } }[], evidences: Iterable<Evidence>): Coverage {
  const sources = covering.map((r) => r.source.sourceId);
  for (const e of evidences) {
    if (e.status !== 'enacted') continue;
    for (const s of e.sources) if (!sources.includes(s)) sources.push(s);
  }
  return { status: sources.length > 0 ? 'covered' : 'uncovered', sources };
}

/**
 * Units of a complete-structure source's scope (below its rootUnitId, or the whole org) that it
 * does not list get its id in `evidence.notAttestedBy`: evidence about the source, never a dissolution.
 */
export function withNotAttestedBy(models: ReadModels, units: readonly UnitView[], covering: ReturnType<typeof sourcesCovering>, maxPosition: number): UnitView[] {
  const complete = covering.filter((r) => r.source.scope.kind === 'complete-structure');
  if (complete.length === 0) return units as UnitView[];
  const parentOf = new Map(units.map((u) => [u.unitId, u.parentId]));
  const inScope = (unitId: string, rootUnitId: string | null): boolean => {
    if (rootUnitId === null) return true;
    const seen = new Set<string>();
    for (let id: string | null | undefined = unitId; id != null && !seen.has(id); id = parentOf.get(id)) {
      if (id === rootUnitId) return true;
      seen.add(id);
    }
    return false;
  };
  const listed = complete.map((r) => new Set(models.sources.factsOf(r, maxPosition).attested));
  return units.map((unit) => {
    const omitting = complete.filter((r, i) => inScope(unit.unitId, r.source.scope.rootUnitId) && !listed[i]!.has(`unit:${unit.unitId}`)).map((r) => r.source.sourceId);
    return omitting.length === 0 ? unit : { ...unit, evidence: { ...unit.evidence, notAttestedBy: omitting } };
  });
}

/**
 * Objectives of the org that a complete-plan source covering `at` does not list get its id in
 * `evidence.notAttestedBy` (as units do for complete-structure): evidence, never a withdrawal.
 */
export function objectivesWithNotAttestedBy(models: ReadModels, objectives: readonly ObjectiveView[], covering: ReturnType<typeof sourcesCovering>, maxPosition: number): ObjectiveView[] {
  const plans = covering.filter((r) => r.source.scope.kind === 'complete-plan');
  if (plans.length === 0) return objectives as ObjectiveView[];
  const listed = plans.map((r) => {
    const facts = models.sources.factsOf(r, maxPosition);
    return new Set([...facts.attested, ...facts.enacted]);
  });
  return objectives.map((objective) => {
    const omitting = plans.filter((_, i) => !listed[i]!.has(`objective:${objective.objectiveId}`)).map((r) => r.source.sourceId);
    return omitting.length === 0 ? objective : { ...objective, evidence: { ...objective.evidence, notAttestedBy: omitting } };
  });
}

/** The unit as the filter shows it on `at`: undefined when the unit itself is filtered out, else only its competencies that pass. */
export function filteredUnit(unit: UnitView, filter: EvidenceFilter, at: string): UnitView | undefined {
  if (!passes(unit.evidence, filter, at)) return undefined;
  const competencies = unit.competencies.filter((c) => passes(c.evidence, filter, at));
  return competencies.length === unit.competencies.length ? unit : { ...unit, competencies };
}

/** Whether a fact with this evidence passes the filter on `at`. */
export function passes(evidence: Evidence, filter: EvidenceFilter, at: string): boolean {
  if (filter.evidence && !filter.evidence.includes(evidence.status)) return false;
  if (filter.attestedWithinDays !== undefined && evidence.status === 'carried-forward') {
    if (evidence.lastAttestedOn === null || daysBetween(evidence.lastAttestedOn, at) > filter.attestedWithinDays) return false;
  }
  return true;
}

export function isFiltering(filter: EvidenceFilter): boolean {
  return filter.evidence !== undefined || filter.attestedWithinDays !== undefined;
}
