/**
 * What an event touches, and whether a unit lies in a filter's subtree, at a cut.
 * The subtree of a unit is read on the cut's `at` (today for the live views) as known at the
 * cut's position, so "in scope before the event" is the cut at position - 1 and "after" the
 * cut at the event's position: a move out of the subtree is in scope before, not after.
 */
import type { OrgChartIndex } from '../../projections/org-chart-index.ts';
import type { Cut, EventRef } from '../../projections/views.ts';

/**
 * The units whose views an org-chart event changes (the first is the subject). Org-chart
 * events are the events of the org stream (docs/streams-and-events.md, "Stream layout"); each names its unit as
 * `unitId`, except a transfer, which changes both ends.
 */
export function affectedUnitIds(ref: EventRef): string[] {
  const data = ref.data;
  if (!ref.streamId.startsWith('org-')) return [];
  if (ref.type === 'CompetencyTransferred') return [String(data.fromUnitId), String(data.toUnitId)];
  return typeof data.unitId === 'string' ? [data.unitId] : [];
}

/** The objective a PDO event is about (every objective, indicator and measurement event names it). */
export function objectiveIdOf(ref: EventRef): string | undefined {
  return typeof ref.data.objectiveId === 'string' ? ref.data.objectiveId : undefined;
}

export function indicatorIdOf(ref: EventRef): string | undefined {
  return typeof ref.data.indicatorId === 'string' ? ref.data.indicatorId : undefined;
}

/** The cut just before the event: what the client knew before this change. */
export function cutBefore(cut: Cut): Cut {
  return { at: cut.at, maxPosition: cut.maxPosition - 1 };
}

/** Whether unitId is rootId or lies under it on cut.at, as known at cut.maxPosition (active units only). */
export function inSubtree(chart: OrgChartIndex, unitId: string, rootId: string, cut: Cut): boolean {
  let current: string | null = unitId;
  for (let depth = 0; current !== null && depth < 10_000; depth++) {
    const view = chart.unit(current, cut);
    if (!view) return false;
    if (current === rootId) return true;
    current = view.parentId;
  }
  return false;
}

/** The active units under unitId (not itself) on cut.at: what a move carries in or out of a subtree. */
export function descendantIds(chart: OrgChartIndex, unitId: string, cut: Cut): string[] {
  const children = new Map<string, string[]>();
  for (const unit of chart.orgChart(cut)) {
    if (unit.parentId === null) continue;
    const siblings = children.get(unit.parentId) ?? [];
    siblings.push(unit.unitId);
    children.set(unit.parentId, siblings);
  }
  const found: string[] = [];
  const stack = [...(children.get(unitId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    found.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return found;
}

const STREAM_PREFIXES = ['org-', 'objective-', 'indicator-'];

/** The org of an event, read from its stream id (docs/streams-and-events.md: org ids have no dots). */
export function orgIdOfStream(streamId: string): string | undefined {
  const prefix = STREAM_PREFIXES.find((p) => streamId.startsWith(p));
  if (prefix === undefined) return undefined;
  const rest = streamId.slice(prefix.length);
  const dot = rest.indexOf('.');
  return dot === -1 ? rest : rest.slice(0, dot);
}
