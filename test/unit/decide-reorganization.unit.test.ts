import { describe, expect, it } from 'vitest';
import type { OrgSnapshot } from '../../projections/org-chart-index.ts';
import { decideReorganization } from '../../src/commands/decide-reorganization.ts';

/** Given: root → a → b active, c dissolved; competency k held by b. */
function snapshot(): OrgSnapshot {
  const unit = (parentId: string | null, active = true) => ({ name: 'n', kind: 'area', parentId, active, head: null });
  return {
    units: new Map([
      ['root', unit(null)],
      ['a', unit('root')],
      ['b', unit('a')],
      ['c', unit('root', false)],
    ]),
    competencies: new Map([['k', { holder: 'b', text: 'Patrocini' }]]),
  };
}
const ids = () => 'c-new';

describe('deciding a reorganisation', () => {
  it('turns valid changes into events, each seeing the changes before it', () => {
    const decision = decideReorganization(
      snapshot(),
      [
        { op: 'establish', unitId: 'd', name: 'Nuova', kind: 'ufficio', parentId: 'a' },
        { op: 'transfer-competency', competencyId: 'k', fromUnitId: 'b', toUnitId: 'd' },
        { op: 'dissolve', unitId: 'b', successorIds: ['d'] },
        { op: 'assign-competency', unitId: 'd', text: 'Cerimoniale' },
      ],
      ids,
    );
    expect(decision).toEqual({
      ok: true,
      events: [
        { type: 'UnitEstablished', data: { unitId: 'd', name: 'Nuova', kind: 'ufficio', parentId: 'a' } },
        { type: 'CompetencyTransferred', data: { competencyId: 'k', fromUnitId: 'b', toUnitId: 'd' } },
        { type: 'UnitDissolved', data: { unitId: 'b', successorIds: ['d'] } },
        { type: 'CompetencyAssigned', data: { competencyId: 'c-new', unitId: 'd', text: 'Cerimoniale' } },
      ],
      changeIndexes: [0, 1, 2, 3],
    });
  });

  it('rejects every invalid change by index, and nothing else', () => {
    const decision = decideReorganization(
      snapshot(),
      [
        { op: 'rename', unitId: 'a', name: 'Area A' },
        { op: 'move', unitId: 'a', parentId: 'b' },
        { op: 'rename', unitId: 'c', name: 'Back' },
        { op: 'establish', unitId: 'root', name: 'Dup', kind: 'area' },
        { op: 'dissolve', unitId: 'a' },
        { op: 'withdraw-competency', unitId: 'a', competencyId: 'k' },
        { op: 'vacate-head', unitId: 'b' },
        { op: 'move', unitId: 'zz', parentId: null },
      ],
      ids,
    );
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.problems.map((p) => p.field)).toEqual([
      'changes/1/parentId',
      'changes/2/unitId',
      'changes/3/unitId',
      'changes/4/unitId',
      'changes/5/competencyId',
      'changes/6/unitId',
      'changes/7/unitId',
    ]);
    expect(decision.problems[0]!.message).toMatch(/cycle/);
    expect(decision.problems[3]!.message).toMatch(/sub-units/);
  });

  it('refuses to dissolve a unit that still holds competencies', () => {
    const decision = decideReorganization(snapshot(), [{ op: 'dissolve', unitId: 'b' }], ids);
    expect(decision).toMatchObject({ ok: false, problems: [{ field: 'changes/0/unitId', message: expect.stringMatching(/holds 1 competencies/) }] });
  });
});
