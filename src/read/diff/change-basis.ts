/**
 * The basis of each row of a diff (docs/evidence.md, "Diffs"): an enacting act; an attestation,
 * or the end of attestations; an inference naming its sources. Read from the basis the folds
 * keep for the change that made the row's later value (its last responsible event), so an
 * inferred rename is never presented as an act's change (`actId` is null unless enacted).
 * Between two dates, a unit whose state did not change but whose evidence did (newly attested,
 * or no longer attested: carried forward) is an `evidence-changed` row with no event.
 */
import type { ChangeBasis } from '../../../projections/evidence.ts';
import type { OrgChartIndex } from '../../../projections/org-chart-index.ts';
import type { EvidenceStatus } from '../../../projections/views.ts';
import type { ChangeEvent, DiffWindow } from './diff-window.ts';
import type { OrgChartChange } from './org-chart-diff.ts';

export interface RowBasis {
  status: EvidenceStatus;
  /** The enacting act: only for an enacted change. */
  actId: string | null;
  sourceIds: string[];
}

export function rowBasis(events: readonly ChangeEvent[], basisAt: (position: number) => ChangeBasis | undefined): RowBasis | null {
  const last = events.at(-1);
  if (!last) return null;
  const basis = basisAt(last.position) ?? { basis: 'enacted' as const, sources: last.act ? [last.act.id] : [], period: null, periodEndDay: null };
  return { status: basis.basis, actId: basis.basis === 'enacted' ? (last.act?.id ?? null) : null, sourceIds: [...basis.sources] };
}

/** Units active on both dates with the same state whose evidence status differs: the start or the end of attestations. */
export function evidenceRows(chart: OrgChartIndex, window: DiffWindow, changedUnitIds: ReadonlySet<string>): (OrgChartChange & { basis: RowBasis })[] {
  const before = new Map(chart.orgChart(window.before).map((u) => [u.unitId, u]));
  const rows: (OrgChartChange & { basis: RowBasis })[] = [];
  for (const now of chart.orgChart(window.after)) {
    const was = before.get(now.unitId);
    if (!was || changedUnitIds.has(now.unitId) || was.evidence.status === now.evidence.status) continue;
    rows.push({
      change: 'evidence-changed',
      unitId: now.unitId,
      unitName: now.name,
      competencyId: null,
      competencyText: null,
      from: was.evidence.status,
      to: now.evidence.status,
      events: [],
      basis: { status: now.evidence.status, actId: null, sourceIds: now.evidence.sources },
    });
  }
  return rows;
}
