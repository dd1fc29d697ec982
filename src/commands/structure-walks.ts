/**
 * Walks over the parent links of a structure (OrgSnapshot['units']), all iterative and linear
 * in the number of units, whatever the depth and even on a parent cycle (old data): the
 * deciders and the later-date check never recurse and never walk a chain twice.
 */
import type { OrgSnapshot } from '../../projections/org-chart-index.ts';

type Units = OrgSnapshot['units'];

/** Level of every active unit (a root, or a unit under an unknown parent, is 1); units on or under a parent cycle get Infinity. */
export function unitDepths(units: Units): Map<string, number> {
  const depths = new Map<string, number>();
  const path: string[] = [];
  for (const [start, unit] of units) {
    if (!unit.active || depths.has(start)) continue;
    const onPath = new Set<string>();
    let current: string | null = start;
    let base = 0;
    while (current !== null) {
      const known = depths.get(current);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (onPath.has(current)) {
        base = Number.POSITIVE_INFINITY;
        break;
      }
      onPath.add(current);
      path.push(current);
      const parentId: string | null = units.get(current)?.parentId ?? null;
      current = parentId !== null && units.has(parentId) ? parentId : null;
    }
    for (let i = path.length - 1; i >= 0; i--) depths.set(path[i]!, ++base);
    path.length = 0;
  }
  return depths;
}

/** Every parent cycle through an active unit, once, in a canonical rotation closed by its first unit (a → b → a). */
export function parentCycles(units: Units): string[][] {
  const done = new Set<string>();
  const cycles: string[][] = [];
  for (const [start, unit] of units) {
    if (!unit.active || done.has(start)) continue;
    const path: string[] = [];
    const indexOnPath = new Map<string, number>();
    let current: string | null = start;
    while (current !== null && !done.has(current)) {
      const seenAt = indexOnPath.get(current);
      if (seenAt !== undefined) {
        const cycle = path.slice(seenAt);
        const first = cycle.indexOf([...cycle].sort()[0]!);
        cycles.push([...cycle.slice(first), ...cycle.slice(0, first), cycle[first]!]);
        break;
      }
      indexOnPath.set(current, path.length);
      path.push(current);
      current = units.get(current)?.parentId ?? null;
    }
    for (const id of path) done.add(id);
  }
  return cycles;
}

export interface DepthViolation {
  unitId: string;
  depth: number;
  /** The placed unit (established or moved) the violation is blamed on: `unitId` or its nearest placed ancestor. */
  placedId: string;
}

/**
 * Units that `after` puts deeper than `maxDepth` and deeper than they were in `before` (a
 * structure already too deep, from before the limit, is not blamed on a change that does not
 * deepen it), each blamed on the nearest unit among `placed` at or above it. One per placed unit: its deepest.
 */
export function depthViolations(before: Units, after: Units, placed: Set<string>, maxDepth: number): DepthViolation[] {
  if (placed.size === 0) return [];
  const depthsAfter = unitDepths(after);
  let depthsBefore: Map<string, number> | undefined;
  const worst = new Map<string, DepthViolation>();
  for (const [unitId, depth] of depthsAfter) {
    // A unit on or under a cycle has no depth: the cycle is a problem of its own.
    if (depth <= maxDepth || depth === Number.POSITIVE_INFINITY) continue;
    depthsBefore ??= unitDepths(before);
    if (depth <= (depthsBefore.get(unitId) ?? 0)) continue;
    let placedId: string | null = unitId;
    for (let steps = 0; placedId !== null && !placed.has(placedId) && steps <= after.size; steps++) placedId = after.get(placedId)?.parentId ?? null;
    if (placedId === null || !placed.has(placedId)) continue;
    const known = worst.get(placedId);
    if (!known || known.depth < depth) worst.set(placedId, { unitId, depth, placedId });
  }
  return [...worst.values()];
}
