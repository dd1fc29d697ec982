/**
 * Nests a flat org chart: roots are the units without a parent or whose parent is not active
 * on the date (old data recorded before the later-date check, see src/commands/check-later-dates.ts).
 * Total and finite even on a cycle: every unit appears exactly once, a cycle is cut where it is
 * first entered. Iterative, so any depth (old data recorded before the depth limit) nests.
 */
import type { UnitView } from '../../projections/views.ts';

export interface UnitTreeNode extends UnitView {
  children: UnitTreeNode[];
}

export function toUnitTree(units: UnitView[]): UnitTreeNode[] {
  const nodes = new Map<string, UnitTreeNode>(units.map((unit) => [unit.unitId, { ...unit, children: [] }]));
  const childIds = new Map<string, string[]>();
  for (const unit of units) {
    if (unit.parentId === null || !nodes.has(unit.parentId)) continue;
    let siblings = childIds.get(unit.parentId);
    if (!siblings) childIds.set(unit.parentId, (siblings = []));
    siblings.push(unit.unitId);
  }
  const placed = new Set<string>();
  const place = (rootId: string): UnitTreeNode => {
    placed.add(rootId);
    const pending = [rootId];
    while (pending.length > 0) {
      const id = pending.pop()!;
      for (const childId of childIds.get(id) ?? []) {
        if (placed.has(childId)) continue;
        placed.add(childId);
        nodes.get(id)!.children.push(nodes.get(childId)!);
        pending.push(childId);
      }
    }
    return nodes.get(rootId)!;
  };
  const roots: UnitTreeNode[] = [];
  for (const unit of units) {
    if ((unit.parentId === null || !nodes.has(unit.parentId)) && !placed.has(unit.unitId)) roots.push(place(unit.unitId));
  }
  for (const unit of units) if (!placed.has(unit.unitId)) roots.push(place(unit.unitId));
  return roots;
}

/**
 * A depth-first walk of the tree, parents before children, siblings in order, without
 * recursion: `visit` gets each node with its ancestors (root first; the array is reused, copy
 * it to keep it).
 */
export function walkUnitTree(roots: UnitTreeNode[], visit: (node: UnitTreeNode, ancestors: readonly UnitTreeNode[]) => void): void {
  const ancestors: UnitTreeNode[] = [];
  /** Per level: the siblings and the index of the next one to visit. */
  const levels: { siblings: UnitTreeNode[]; next: number }[] = [{ siblings: roots, next: 0 }];
  while (levels.length > 0) {
    const level = levels.at(-1)!;
    if (level.next >= level.siblings.length) {
      levels.pop();
      ancestors.pop();
      continue;
    }
    const node = level.siblings[level.next++]!;
    visit(node, ancestors);
    ancestors.push(node);
    levels.push({ siblings: node.children, next: 0 });
  }
}

/**
 * JSON text of an answer whose `units` is a tree, written without recursion: JSON.stringify
 * overflows the stack on a tree a few thousand levels deep. Each node is its own fields
 * (JSON.stringify of a shallow copy) followed by its children; `units` comes last.
 */
export function unitTreeAnswerJson(answer: { units: UnitTreeNode[] }): string {
  const { units, ...rest } = answer;
  const parts: string[] = [];
  const head = JSON.stringify(rest);
  parts.push(head === '{}' ? '{"units":[' : `${head.slice(0, -1)},"units":[`);
  const open: UnitTreeNode[] = [];
  walkUnitTree(units, (node, ancestors) => {
    while (open.length > ancestors.length) {
      open.pop();
      parts.push(']}');
    }
    const { children: _children, ...fields } = node;
    const own = JSON.stringify(fields);
    const first = parts.at(-1)!.endsWith('[');
    parts.push(`${first ? '' : ','}${own === '{}' ? '{"children":[' : `${own.slice(0, -1)},"children":[`}`);
    open.push(node);
  });
  while (open.pop()) parts.push(']}');
  parts.push(']}');
  return parts.join('');
}
