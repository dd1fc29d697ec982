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
import { evidenceRows, rowBasis, type RowBasis } from './change-basis.ts';
import type { ChangeEvent } from './diff-window.ts';
import type { Provenance } from '../../commands/command-types.ts';

/** Every row says its basis (change-basis.ts); with provenance=true each event carries its provenance. */
type Based<T> = T & { basis: RowBasis | null };
export type OrgChartDiffAnswer = DiffBasis & { changes: Based<OrgChartChange>[] };
export type PdoDiffAnswer = DiffBasis & { year: number; changes: Based<PdoChange>[] };
type WithProvenance = { provenance?: boolean };

export type DiffQueries = ReturnType<typeof createDiffQueries>;

export function createDiffQueries({ projector, clock }: { projector: Projector; clock: () => Date }) {
  const models = projector.models;
  return {
    async orgChartDiff(orgId: string, params: DiffParams & WithProvenance): Promise<OrgChartDiffAnswer> {
      const window = await resolveDiffWindow(params, projector, clock());
      const org = requireOrg(models, orgId, window.after.maxPosition);
      const competencyHistory = (competencyId: string, maxPosition: number) => models.audit.competencyHistory(orgId, competencyId, maxPosition);
      const changes = diffOrgChart({ chart: org.chart, competencyHistory, retractions: retractionsOf(org) }, window).map((c) => ({
        ...c,
        events: withProvenance(c.events, params.provenance),
        basis: rowBasis(c.events, (p) => org.chart.knownBasisAt(p)),
      }));
      const evidence = window.basis.compare === 'valid-time' ? evidenceRows(org.chart, window, new Set(changes.map((c) => c.unitId).filter((id): id is string => id !== null))) : [];
      return { ...window.basis, changes: [...changes, ...evidence] };
    },

    /** `year` defaults to the year of the later date: `to` (valid time) or `at` (system time). */
    async pdoDiff(orgId: string, params: DiffParams & WithProvenance & { year?: number }): Promise<PdoDiffAnswer> {
      const window = await resolveDiffWindow(params, projector, clock());
      const org = requireOrg(models, orgId, window.after.maxPosition);
      const year = params.year ?? yearOf(window.after.at);
      const changes = diffPdo(org.pdo, retractionsOf(org), year, window).map((c) => ({
        ...c,
        events: withProvenance(c.events, params.provenance),
        basis: rowBasis(c.events, (p) => org.pdo.basisAt(p)),
      }));
      return { ...window.basis, year, changes };
    },
  };

  function withProvenance(events: ChangeEvent[], provenance: boolean | undefined): (ChangeEvent & { provenance?: Provenance | null })[] {
    return provenance ? events.map((e) => ({ ...e, provenance: models.refs.at(e.position)?.provenance ?? null })) : events;
  }

  function retractionsOf(org: OrgModels): Retractions {
    return { retraction: (position) => org.acts.retraction(position), eventAt: (position) => models.refs.at(position) };
  }
}
