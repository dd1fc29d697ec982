/**
 * The two diff questions over the read models (never a replay of the log): what changed in
 * the org chart, and in the PDO of a plan year, between two cuts (diff-window.ts). Every
 * answer names its basis; an org unknown at the later cut is a 404.
 */
import type { OrgModels } from '../../../projections/read-models.ts';
import { yearOf } from '../../time/calendar-date.ts';
import type { Projector } from '../projector.ts';
import { requireOrg } from '../require-org.ts';
import { resolveDiffWindow, type DiffBasis, type DiffParams, type Retractions } from './diff-window.ts';
import { diffOrgChart, type OrgChartChange } from './org-chart-diff.ts';
import { diffPdo, type PdoChange } from './pdo-diff.ts';

export type OrgChartDiffAnswer = DiffBasis & { changes: OrgChartChange[] };
export type PdoDiffAnswer = DiffBasis & { year: number; changes: PdoChange[] };

export type DiffQueries = ReturnType<typeof createDiffQueries>;

export function createDiffQueries({ projector, clock }: { projector: Projector; clock: () => Date }) {
  const models = projector.models;
  return {
    async orgChartDiff(orgId: string, params: DiffParams): Promise<OrgChartDiffAnswer> {
      const window = await resolveDiffWindow(params, projector, clock());
      const org = requireOrg(models, orgId, window.after.maxPosition);
      const competencyHistory = (competencyId: string, maxPosition: number) => models.audit.competencyHistory(orgId, competencyId, maxPosition);
      return { ...window.basis, changes: diffOrgChart({ chart: org.chart, competencyHistory, retractions: retractionsOf(org) }, window) };
    },

    /** `year` defaults to the year of the later date: `to` (valid time) or `at` (system time). */
    async pdoDiff(orgId: string, params: DiffParams & { year?: number }): Promise<PdoDiffAnswer> {
      const window = await resolveDiffWindow(params, projector, clock());
      const org = requireOrg(models, orgId, window.after.maxPosition);
      const year = params.year ?? yearOf(window.after.at);
      return { ...window.basis, year, changes: diffPdo(org.pdo, retractionsOf(org), year, window) };
    },
  };

  function retractionsOf(org: OrgModels): Retractions {
    return { retraction: (position) => org.acts.retraction(position), eventAt: (position) => models.refs.at(position) };
  }
}
