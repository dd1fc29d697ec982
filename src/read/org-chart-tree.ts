/**
 * Nests a flat org chart: roots are the units without a parent or whose parent is not active
 * on the date (old data recorded before the later-date check, see src/commands/check-later-dates.ts).
 * Total and finite even on a cycle: every unit appears exactly once, a cycle is cut where it is
 * first entered.
 */
import type { UnitView } from '../../projections/views.ts';

export interface UnitTreeNode extends UnitView {
  children: UnitTreeNode[];
}

export function toUnitTree(units: UnitView[]): UnitTreeNode[] {
  const byId = new Map(units.map((unit) => [unit.unitId, unit]));
  const childIds = new Map<string, string[]>();
  for (const unit of units) {
    if (unit.parentId === null || !byId.has(unit.parentId)) continue;
    childIds.set(unit.parentId, [...(childIds.get(unit.parentId) ?? []), unit.unitId]);
  }
  const placed = new Set<string>();
  const build = (unitId: string): UnitTreeNode => {
    placed.add(unitId);
    const children: UnitTreeNode[] = [];
    for (const childId of childIds.get(unitId) ?? []) if (!placed.has(childId)) children.push(build(childId));
    return { ...byId.get(unitId)!, children };
  };
  const roots: UnitTreeNode[] = [];
  for (const unit of units) {
    if ((unit.parentId === null || !byId.has(unit.parentId)) && !placed.has(unit.unitId)) roots.push(build(unit.unitId));
  }
  for (const unit of units) if (!placed.has(unit.unitId)) roots.push(build(unit.unitId));
  return roots;
}
