/**
 * The web page's comparison of two org charts (web/js/chart-diff.js): from the chart of the
 * earlier date to that of the later one, which units were added, are gone, were renamed or
 * moved, and the marks the tree shows on each unit.
 */
import { describe, expect, it } from 'vitest';
import { diffCharts, marksByUnit } from '../../web/js/chart-diff.js';

const unit = (unitId: string, name: string, parentId: string | null = null) => ({ unitId, name, parentId });

describe('comparing two org charts in the web page', () => {
  const before = [unit('dg', 'Direzione Generale'), unit('cult', 'Direzione Cultura', 'dg'), unit('mun', 'Direzione Municipi'), unit('old', 'Ufficio soppresso', 'dg')];
  const after = [unit('dg', 'Direzione Generale'), unit('cult', 'Direzione Cultura'), unit('mun', 'Direzione Quartieri e Municipi'), unit('new', 'Direzione Casa', 'dg')];

  it('lists the units added, gone, renamed (with the former name) and moved (with the former parent)', () => {
    const diff = diffCharts(before, after);
    expect(diff.added.map((u) => u.unitId)).toEqual(['new']);
    expect(diff.gone.map((u) => u.unitId)).toEqual(['old']);
    expect(diff.renamed).toEqual([{ unit: after[2], previousName: 'Direzione Municipi' }]);
    expect(diff.moved).toEqual([{ unit: after[1], previousParentId: 'dg' }]);
  });

  it('marks each changed unit once, with every kind of change it had, and leaves the unchanged ones unmarked', () => {
    const both = diffCharts([unit('a', 'Area A', 'x')], [unit('a', 'Area B', 'y')]);
    expect(marksByUnit(both).get('a')).toEqual({ renamed: 'Area A', moved: 'x' });

    const marks = marksByUnit(diffCharts(before, after));
    expect(marks.get('new')).toEqual({ added: true });
    expect(marks.has('dg')).toBe(false);
  });

  it('finds no difference between a chart and itself', () => {
    expect(diffCharts(before, before)).toEqual({ added: [], gone: [], renamed: [], moved: [] });
  });
});
