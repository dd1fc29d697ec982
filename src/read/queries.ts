/**
 * The query service: every read of the HTTP API, over the projector's read models, at a cut
 * resolved from `at` / `asKnownAt` / `asOfPosition` (see resolve-cut.ts). Every answer
 * carries its basis (at, asKnownAt, position). Unknown things, as known at the cut, are 404s.
 */
import type { OrgModels } from '../../projections/read-models.ts';
import type { MeasurementView, ObjectiveView, OrgSummary, PlanItemView, UnitView } from '../../projections/views.ts';
import { orgStream } from '../commands/streams.ts';
import { NotFoundError } from '../errors.ts';
import { createActsQueries } from './acts-queries.ts';
import { yearOf } from '../time/calendar-date.ts';
import { toUnitTree, type UnitTreeNode } from './org-chart-tree.ts';
import type { Projector } from './projector.ts';
import { historyEntries, type HistoryEntryWithChanges } from './provenance-history.ts';
import { provenanceViews } from './provenance-views.ts';
import { resolveCut, type Basis, type TimeParams } from './resolve-cut.ts';
import { coverageOfAnswer, filteredUnit, isFiltering, objectivesWithNotAttestedBy, passes, sourcesCovering, withNotAttestedBy, type Coverage, type EvidenceFilter } from './evidence-answers.ts';
import { createSourceQueries } from './source-queries.ts';
import { inactiveUnitConflictOf, inactiveUnitConflictsOn } from './inactive-attestations.ts';
import type { FactsAttested } from '../../events/types.ts';
import { OBJECTIVE_IDENTITY, selectFields, UNIT_IDENTITY, type ObjectiveField, type UnitField } from './select-fields.ts';

export type { Basis, TimeParams } from './resolve-cut.ts';

export interface QueryServiceDeps {
  projector: Projector;
  clock: () => Date;
}

export type KnownAtParams = Omit<TimeParams, 'at'>;
/** `provenance: true` adds to every fact the event that produced it (src/read/provenance*.ts). */
type WithProvenance = { provenance?: boolean };

export interface OrgChartAnswer extends Basis {
  /** Which sources cover `at` (docs/evidence.md): uncovered is never a plain empty chart. */
  coverage: Coverage;
  units: UnitView[] | UnitTreeNode[];
}

export type QueryService = ReturnType<typeof createQueryService>;

export function createQueryService({ projector, clock }: QueryServiceDeps) {
  const models = projector.models;

  const requireOrg = (orgId: string, maxPosition: number): OrgModels => {
    const org = models.org(orgId, maxPosition);
    if (!org) throw new NotFoundError(`org ${orgId} does not exist (as known at position ${maxPosition})`);
    return org;
  };

  const requireUnitKnown = (org: OrgModels, unitId: string, maxPosition: number) => {
    if (!org.chart.knowsUnit(unitId, maxPosition)) throw new NotFoundError(`unit ${unitId} does not exist in org ${org.summary.orgId}`);
  };

  return {
    ...createActsQueries({ projector, clock }),
    ...createSourceQueries({ projector, clock }),

    /** A cut read's basis, resolved before its answer (the answer cache is keyed by it), and the last applied position then. */
    async cutBasis(params: TimeParams): Promise<{ basis: Basis & { at: string }; headPosition: number }> {
      const { cut, basis } = await resolveCut(params, projector, clock());
      return { basis: { ...basis, at: cut.at }, headPosition: models.position };
    },

    async orgs(params: KnownAtParams): Promise<Basis & { orgs: OrgSummary[] }> {
      const { basis } = await resolveCut(params, projector, clock(), { spansValidTime: true });
      return { ...basis, orgs: models.orgList(basis.position) };
    },

    /** The org chart, and the org stream's revision (its ETag) when the cut reflects everything applied. */
    /** The org chart with its coverage, and the org stream's revision (its ETag) when the cut reflects everything applied. */
    async orgChart(
      orgId: string,
      params: TimeParams & WithProvenance & EvidenceFilter & { shape?: 'flat' | 'tree'; fields?: readonly UnitField[] },
    ): Promise<{ answer: OrgChartAnswer; revision: number | undefined }> {
      const { cut, basis } = await resolveCut(params, projector, clock());
      const org = requireOrg(orgId, cut.maxPosition);
      const covering = sourcesCovering(models, orgId, cut.at, cut.maxPosition);
      const chart = withNotAttestedBy(models, org.chart.orgChart(cut), covering, cut.maxPosition);
      const coverage = coverageOfAnswer(covering, chart.map((u) => u.evidence));
      const shown = isFiltering(params) ? chart.flatMap((u) => filteredUnit(u, params, cut.at) ?? []) : chart;
      const viewed = params.provenance ? shown.map(provenanceViews(models, org, cut).unit) : shown;
      const units = params.fields ? viewed.map((u) => selectFields(u, params.fields!, UNIT_IDENTITY)) : viewed;
      const revision = cut.maxPosition >= models.position ? (models.streamRevision(orgStream(orgId)) ?? undefined) : undefined;
      return { answer: { ...basis, coverage, units: params.shape === 'tree' ? toUnitTree(units) : units }, revision };
    },

    async unit(orgId: string, unitId: string, params: TimeParams & WithProvenance & EvidenceFilter): Promise<Basis & { coverage: Coverage; unit: UnitView }> {
      const { cut, basis } = await resolveCut(params, projector, clock());
      const org = requireOrg(orgId, cut.maxPosition);
      requireUnitKnown(org, unitId, cut.maxPosition);
      const active = org.chart.unit(unitId, cut);
      if (!active) {
        // A source showing it standing on this date is its view, never applied: said in the 404, naming `at`.
        const conflicts = inactiveUnitConflictsOn(org, unitId, cut.at, cut.maxPosition);
        throw new NotFoundError(
          `unit ${unitId} is not active on ${cut.at} (not yet established, or dissolved)${conflicts.length > 0 ? `; ${conflicts.length === 1 ? 'a source shows' : 'sources show'} it standing then (a conflict, not applied)` : ''}`,
          conflicts.map((c) => ({ field: 'at', message: `conflict: source ${c.sourceId} shows unit ${unitId} standing from ${c.from} to ${c.to}, a date it is not active on` })),
        );
      }
      const covering = sourcesCovering(models, orgId, cut.at, cut.maxPosition);
      const unit = covering.length === 0 ? active : withNotAttestedBy(models, org.chart.orgChart(cut), covering, cut.maxPosition).find((u) => u.unitId === unitId)!;
      const coverage = coverageOfAnswer(covering, [unit.evidence]);
      const shown = isFiltering(params) ? filteredUnit(unit, params, cut.at) : unit;
      if (!shown) throw new NotFoundError(`unit ${unitId} is active on ${cut.at} but its evidence (${unit.evidence.status}) is filtered out by evidence= / attestedWithinDays=`);
      return { ...basis, coverage, unit: params.provenance ? provenanceViews(models, org, cut).unit(shown) : shown };
    },

    async unitHistory(orgId: string, unitId: string, params: KnownAtParams & WithProvenance): Promise<Basis & { history: HistoryEntryWithChanges[] }> {
      const { cut, basis } = await resolveCut(params, projector, clock(), { spansValidTime: true });
      const org = requireOrg(orgId, cut.maxPosition);
      requireUnitKnown(org, unitId, cut.maxPosition);
      const history = historyEntries(models, org, org.chart.unitHistory(unitId, cut.maxPosition), `unit:${unitId}`, cut.maxPosition, params.provenance);
      // An attestation of the unit on a first day it is not active is a conflict (docs/evidence.md, "Attestations").
      return {
        ...basis,
        history: history.map((entry) => {
          if (entry.type !== 'FactsAttested') return entry;
          const conflict = inactiveUnitConflictOf(org, unitId, entry.change as unknown as FactsAttested, cut.maxPosition);
          return conflict ? { ...entry, conflicts: [conflict] } : entry;
        }),
      };
    },

    async pdo(
      orgId: string,
      params: TimeParams & WithProvenance & EvidenceFilter & { year?: number; unitId?: string; fields?: readonly ObjectiveField[] },
    ): Promise<Basis & { year: number; coverage: Coverage; planItems: PlanItemView[]; objectives: ObjectiveView[] }> {
      const { cut, basis } = await resolveCut(params, projector, clock());
      const org = requireOrg(orgId, cut.maxPosition);
      if (params.unitId !== undefined) requireUnitKnown(org, params.unitId, cut.maxPosition);
      const year = params.year ?? yearOf(cut.at);
      const covering = sourcesCovering(models, orgId, cut.at, cut.maxPosition);
      const all = objectivesWithNotAttestedBy(models, org.pdo.pdo(year, cut, params.unitId), covering, cut.maxPosition);
      const coverage = coverageOfAnswer(covering, all.map((o) => o.evidence));
      const objectives = isFiltering(params) ? all.filter((o) => passes(o.evidence, params, cut.at)) : all;
      // The items (strategic dimensions, cross-cutting objectives) of the plans the year's objectives belong to.
      const planItems = org.pdo.planItems(cut, new Set(all.flatMap((o) => (o.plan === null ? [] : [o.plan]))));
      const viewed = params.provenance ? objectives.map(provenanceViews(models, org, cut).objective) : objectives;
      return { ...basis, year, coverage, planItems, objectives: params.fields ? viewed.map((o) => selectFields(o, params.fields!, OBJECTIVE_IDENTITY)) : viewed };
    },

    async objective(orgId: string, objectiveId: string, params: TimeParams & WithProvenance): Promise<Basis & { objective: ObjectiveView }> {
      const { cut, basis } = await resolveCut(params, projector, clock());
      const org = requireOrg(orgId, cut.maxPosition);
      const objective = org.pdo.objective(objectiveId, cut);
      if (!objective) {
        const known = org.pdo.objective(objectiveId, { at: '9999-12-31', maxPosition: cut.maxPosition });
        throw new NotFoundError(
          known
            ? `objective ${objectiveId} is not yet defined on ${cut.at}: it holds from ${known.effectiveFrom}`
            : `objective ${objectiveId} does not exist in org ${orgId}`,
        );
      }
      return { ...basis, objective: params.provenance ? provenanceViews(models, org, cut).objective(objective) : objective };
    },

    async objectiveHistory(orgId: string, objectiveId: string, params: KnownAtParams & WithProvenance): Promise<Basis & { history: HistoryEntryWithChanges[] }> {
      const { cut, basis } = await resolveCut(params, projector, clock(), { spansValidTime: true });
      const org = requireOrg(orgId, cut.maxPosition);
      const history = historyEntries(models, org, org.pdo.objectiveHistory(objectiveId, cut.maxPosition), `objective:${objectiveId}`, cut.maxPosition, params.provenance);
      if (history.length === 0) throw new NotFoundError(`objective ${objectiveId} does not exist in org ${orgId}`);
      return { ...basis, history };
    },

    /** Every change of an indicator (definition, revisions, targets, measurements), with before/after. */
    async indicatorHistory(orgId: string, indicatorId: string, params: KnownAtParams & WithProvenance): Promise<Basis & { indicatorId: string; objectiveId: string; history: HistoryEntryWithChanges[] }> {
      const { cut, basis } = await resolveCut(params, projector, clock(), { spansValidTime: true });
      const org = requireOrg(orgId, cut.maxPosition);
      const objectiveId = org.pdo.indicatorOwner(indicatorId, cut.maxPosition);
      if (objectiveId === undefined) throw new NotFoundError(`indicator ${indicatorId} does not exist in org ${orgId}`);
      const history = historyEntries(models, org, org.pdo.indicatorHistory(indicatorId, cut.maxPosition), `indicator:${indicatorId}`, cut.maxPosition, params.provenance);
      return { ...basis, indicatorId, objectiveId, history };
    },

    async measurements(
      orgId: string,
      indicatorId: string,
      params: KnownAtParams & WithProvenance & { from?: string; to?: string },
    ): Promise<Basis & { indicatorId: string; objectiveId: string; measurements: MeasurementView[] }> {
      const { cut, basis } = await resolveCut(params, projector, clock(), { spansValidTime: true });
      const org = requireOrg(orgId, cut.maxPosition);
      const objectiveId = org.pdo.indicatorOwner(indicatorId, cut.maxPosition);
      if (objectiveId === undefined) throw new NotFoundError(`indicator ${indicatorId} does not exist in org ${orgId}`);
      const measurements = org.pdo
        .measurements(indicatorId, { from: params.from, to: params.to, maxPosition: cut.maxPosition })
        .filter((m) => !org.acts.isRetracted(m.position, cut.maxPosition));
      return { ...basis, indicatorId, objectiveId, measurements: params.provenance ? measurements.map(provenanceViews(models, org, cut).measurement) : measurements };
    },
  };
}
