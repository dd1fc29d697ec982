import { describe, expect, it } from 'vitest';
import type { UnitView } from '../../projections/views.ts';
import { toUnitTree, type UnitTreeNode } from '../../src/read/org-chart-tree.ts';

const evidence = { status: 'enacted' as const, firstAttestedOn: null, lastAttestedOn: null, sources: ['act-1'] };
const unit = (unitId: string, parentId: string | null): UnitView => ({ unitId, name: unitId.toUpperCase(), kind: 'area', parentId, competencies: [], head: null, evidence });
const ids = (nodes: UnitTreeNode[]): string[] => nodes.flatMap((n) => [n.unitId, ...ids(n.children)]);

describe('toUnitTree', () => {
  it('nests children under their parents and keeps roots in order', () => {
    const tree = toUnitTree([unit('a', null), unit('b', 'a'), unit('c', null), unit('d', 'b')]);
    expect(tree.map((n) => n.unitId)).toEqual(['a', 'c']);
    expect(tree[0]!.children[0]!.children.map((n) => n.unitId)).toEqual(['d']);
  });

  it('makes a unit whose parent is not in the chart (dissolved on the date) a root', () => {
    expect(toUnitTree([unit('a', null), unit('c', 'gone')]).map((n) => n.unitId)).toEqual(['a', 'c']);
  });

  it('stays finite on a parent cycle, each unit exactly once', () => {
    const tree = toUnitTree([unit('x', null), unit('a', 'b'), unit('b', 'a')]);
    expect(ids(tree).sort()).toEqual(['a', 'b', 'x']);
  });
});
