/**
 * The live PDO: the objectives of the current plan year (the year of today) as they stand
 * today, as known now; then, per event that touches one of them, that objective as it stands
 * right after the event (in `objectives`), or its id in `removedObjectiveIds` when the event
 * takes it out of the view (withdrawn, no statement for the year, handed to a unit outside
 * the unit filter).
 *
 * Filters: unitId = objectives owned by a unit of that subtree (today); objectiveId = that
 * objective; indicatorId = the objective owning it, and only the events of that indicator.
 * With unitId, a unit moved or dissolved also moves the objectives of its subtree in or out of
 * the view: that org-chart event is sent with the objectives that entered or left.
 */
import type { Cut, EventRef, ObjectiveView } from '../../projections/views.ts';
import { yearOf } from '../time/calendar-date.ts';
import { affectedUnitIds, cutBefore, descendantIds, indicatorIdOf, inSubtree, objectiveIdOf, orgIdOfStream } from './live-scope.ts';
import { asKnownAtOf, eventFields, today, type LiveChangeData, type LiveFilter, type LiveView, type LiveViewContext } from './live-view.ts';

const SCOPE_CHANGING = new Set(['UnitMoved', 'UnitDissolved']);

export function pdoLiveView(context: LiveViewContext, orgId: string, filter: LiveFilter): LiveView {
  const org = () => context.models.org(orgId)!;
  const matches = (o: ObjectiveView, cut: Cut): boolean =>
    (filter.unitId === undefined || inSubtree(org().chart, o.unitId, filter.unitId, cut)) &&
    (filter.objectiveId === undefined || o.objectiveId === filter.objectiveId) &&
    (filter.indicatorId === undefined || org().pdo.indicatorOwner(filter.indicatorId, cut.maxPosition) === o.objectiveId);
  const visible = (objectiveId: string, year: number, cut: Cut): ObjectiveView | undefined => {
    // The PDO's own membership rule, over the few objectives of the owning unit.
    const unitId = org().pdo.objective(objectiveId, cut)?.unitId;
    const objective = unitId === undefined ? undefined : org().pdo.pdo(year, cut, unitId).find((o) => o.objectiveId === objectiveId);
    return objective && matches(objective, cut) ? objective : undefined;
  };

  /** The message for these objectives: upserted as they now stand, or removed; only those that entered or left if `movesOnly`. */
  const patch = (ref: EventRef, objectiveIds: Iterable<string>, movesOnly: boolean): LiveChangeData | undefined => {
    const after = { at: today(context), maxPosition: ref.position };
    const before = cutBefore(after);
    const year = yearOf(after.at);
    const objectives: ObjectiveView[] = [];
    const removedObjectiveIds: string[] = [];
    for (const objectiveId of objectiveIds) {
      const now = visible(objectiveId, year, after);
      const was = visible(objectiveId, year, before) !== undefined;
      if (now && !(movesOnly && was)) objectives.push(now);
      else if (!now && was) removedObjectiveIds.push(objectiveId);
    }
    if (objectives.length === 0 && removedObjectiveIds.length === 0) return undefined;
    return { ...eventFields(ref, orgId), at: after.at, year, objectives, removedObjectiveIds };
  };

  /** Objectives of the PDO owned, before or after the event, by the moved unit or a unit under it. */
  const objectivesUnder = (ref: EventRef): Set<string> => {
    const [unitId] = affectedUnitIds(ref);
    const after = { at: today(context), maxPosition: ref.position };
    const cuts = [cutBefore(after), after];
    const units = new Set([unitId!, ...cuts.flatMap((cut) => descendantIds(org().chart, unitId!, cut))]);
    const year = yearOf(after.at);
    return new Set([...units].flatMap((u) => cuts.flatMap((cut) => org().pdo.pdo(year, cut, u).map((o) => o.objectiveId))));
  };

  return {
    name: 'pdo',
    orgId,
    snapshot(position) {
      const cut = { at: today(context), maxPosition: position };
      const year = yearOf(cut.at);
      const objectives = org().pdo.pdo(year, cut).filter((o) => matches(o, cut));
      return { position, at: cut.at, asKnownAt: asKnownAtOf(context, position), year, objectives };
    },
    change(ref: EventRef) {
      if (orgIdOfStream(ref.streamId) !== orgId) return undefined;
      if (filter.unitId !== undefined && SCOPE_CHANGING.has(ref.type)) return patch(ref, objectivesUnder(ref), true);
      const objectiveId = objectiveIdOf(ref);
      if (objectiveId === undefined) return undefined;
      if (filter.indicatorId !== undefined && indicatorIdOf(ref) !== filter.indicatorId) return undefined;
      return patch(ref, [objectiveId], false);
    },
  };
}
