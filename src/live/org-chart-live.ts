/**
 * The live org chart: today's chart as known now (flat, like GET org-chart), then, per event
 * that touches it, the affected units as they stand right after the event.
 *
 * With `unitId`, the view is that unit's subtree on today's date. A unit that leaves the
 * subtree (moved out, dissolved, or its move takes its descendants along) is listed in
 * `removedUnitIds`; a unit that enters it (with its descendants, for a move) is in `units`.
 */
import type { OrgModels } from '../../projections/read-models.ts';
import type { Cut, EventRef, UnitView } from '../../projections/views.ts';
import { affectedUnitIds, cutBefore, descendantIds, inSubtree, orgIdOfStream } from './live-scope.ts';
import { asKnownAtOf, eventFields, today, type LiveFilter, type LiveView, type LiveViewContext } from './live-view.ts';

export function orgChartLiveView(context: LiveViewContext, orgId: string, filter: LiveFilter): LiveView {
  const org = (): OrgModels => context.models.org(orgId)!;
  const inScope = (unitId: string, cut: Cut): boolean => filter.unitId === undefined || inSubtree(org().chart, unitId, filter.unitId, cut);
  const visible = (unitId: string, cut: Cut): UnitView | undefined => {
    const unit = org().chart.unit(unitId, cut);
    return unit && inScope(unitId, cut) ? unit : undefined;
  };

  return {
    name: 'org-chart',
    orgId,
    snapshot(position) {
      const cut = { at: today(context), maxPosition: position };
      const units = org().chart.orgChart(cut).filter((u) => inScope(u.unitId, cut));
      return { position, at: cut.at, asKnownAt: asKnownAtOf(context, position), units };
    },
    change(ref: EventRef) {
      if (orgIdOfStream(ref.streamId) !== orgId) return undefined;
      const affected = affectedUnitIds(ref);
      if (affected.length === 0) return undefined;
      const after = { at: today(context), maxPosition: ref.position };
      const before = cutBefore(after);
      const candidates = ref.type === 'UnitMoved' && filter.unitId !== undefined ? [...affected, ...descendantIds(org().chart, affected[0]!, after)] : affected;
      const units: UnitView[] = [];
      const removedUnitIds: string[] = [];
      for (const unitId of new Set(candidates)) {
        const now = visible(unitId, after);
        if (now) units.push(now);
        else if (visible(unitId, before)) removedUnitIds.push(unitId);
      }
      if (units.length === 0 && removedUnitIds.length === 0) return undefined;
      return { ...eventFields(ref, orgId), at: after.at, units, removedUnitIds };
    },
  };
}
