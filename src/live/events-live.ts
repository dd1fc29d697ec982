/**
 * The live event feed of an org: no state, so the snapshot is only the position the feed
 * starts after; then every event of the org (as the audit sees it), filtered by
 * unitId (org-chart events touching a unit of the subtree, before or after the event, and
 * events of objectives owned by such a unit), objectiveId and indicatorId.
 */
import type { Cut, EventRef } from '../../projections/views.ts';
import { affectedUnitIds, cutBefore, indicatorIdOf, inSubtree, objectiveIdOf, orgIdOfStream } from './live-scope.ts';
import { asKnownAtOf, eventFields, today, type LiveFilter, type LiveView, type LiveViewContext } from './live-view.ts';

export function eventsLiveView(context: LiveViewContext, orgId: string, filter: LiveFilter): LiveView {
  const org = () => context.models.org(orgId)!;

  const touchesSubtree = (ref: EventRef, rootId: string): boolean => {
    const after: Cut = { at: today(context), maxPosition: ref.position };
    const cuts = [after, cutBefore(after)];
    const objectiveId = objectiveIdOf(ref);
    const unitIds = objectiveId === undefined ? affectedUnitIds(ref) : cuts.flatMap((cut) => org().pdo.objective(objectiveId, cut)?.unitId ?? []);
    return unitIds.some((unitId) => cuts.some((cut) => inSubtree(org().chart, unitId, rootId, cut)));
  };

  return {
    name: 'events',
    orgId,
    snapshot(position) {
      return { position, at: null, asKnownAt: asKnownAtOf(context, position) };
    },
    change(ref: EventRef) {
      if (orgIdOfStream(ref.streamId) !== orgId) return undefined;
      if (filter.objectiveId !== undefined && objectiveIdOf(ref) !== filter.objectiveId) return undefined;
      if (filter.indicatorId !== undefined && indicatorIdOf(ref) !== filter.indicatorId) return undefined;
      if (filter.unitId !== undefined && !touchesSubtree(ref, filter.unitId)) return undefined;
      return eventFields(ref, orgId);
    },
  };
}
