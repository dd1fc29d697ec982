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
const DEPTH = 32;

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
      DEPTH,
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
      DEPTH,
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
    const decision = decideReorganization(snapshot(), [{ op: 'dissolve', unitId: 'b' }], ids, DEPTH);
    expect(decision).toMatchObject({ ok: false, problems: [{ field: 'changes/0/unitId', message: expect.stringMatching(/holds 1 competencies/) }] });
  });
});

/** Given: a chain of `length` active units u1 → u2 → … (u1 a root). */
function chain(length: number): OrgSnapshot {
  const units: OrgSnapshot['units'] = new Map();
  for (let i = 1; i <= length; i++) units.set(`u${i}`, { name: `U${i}`, kind: 'area', parentId: i === 1 ? null : `u${i - 1}`, active: true, head: null });
  return { units, competencies: new Map() };
}

describe('the depth limit', () => {
  it('refuses an establishment one level below the limit, naming the limit', () => {
    const decision = decideReorganization(chain(4), [{ op: 'establish', unitId: 'x', name: 'X', kind: 'k', parentId: 'u4' }], ids, 4);
    expect(decision).toEqual({
      ok: false,
      problems: [{ field: 'changes/0/parentId', message: 'unit x would be at level 5, deeper than the limit of 4 levels (ORGTRAIL_MAX_UNIT_DEPTH)' }],
    });
    expect(decideReorganization(chain(4), [{ op: 'establish', unitId: 'x', name: 'X', kind: 'k', parentId: 'u3' }], ids, 4).ok).toBe(true);
  });

  it('blames a move for the depth of the sub-units it carries', () => {
    const given = chain(3);
    given.units.set('r', { name: 'R', kind: 'k', parentId: null, active: true, head: null });
    given.units.set('s', { name: 'S', kind: 'k', parentId: 'r', active: true, head: null });
    // r (with s under it) moved under u3: s would be at level 5.
    const decision = decideReorganization(given, [{ op: 'rename', unitId: 'u1', name: 'New' }, { op: 'move', unitId: 'r', parentId: 'u3' }], ids, 4);
    expect(decision).toMatchObject({ ok: false, problems: [{ field: 'changes/1/parentId', message: expect.stringContaining('unit s would be at level 5') }] });
  });

  it('counts the units the same command establishes under each other', () => {
    const changes = ['a', 'b', 'c'].map((id, i, all) => ({ op: 'establish' as const, unitId: id, name: id, kind: 'k', parentId: i === 0 ? 'u2' : all[i - 1]! }));
    const decision = decideReorganization(chain(2), changes, ids, 4);
    expect(decision).toMatchObject({ ok: false, problems: [{ field: 'changes/2/parentId', message: expect.stringContaining('unit c would be at level 5') }] });
  });

  it('does not blame a structure deeper than the limit from before it on a change that does not deepen it (5,000 levels, decided without recursion)', () => {
    const deep = chain(5_000);
    expect(decideReorganization(deep, [{ op: 'rename', unitId: 'u5000', name: 'Last' }], ids, DEPTH).ok).toBe(true);
    // Moving the bottom unit up (still too deep, but shallower) is allowed; putting a unit below the bottom is not.
    expect(decideReorganization(deep, [{ op: 'move', unitId: 'u5000', parentId: 'u100' }], ids, DEPTH).ok).toBe(true);
    const below = decideReorganization(deep, [{ op: 'establish', unitId: 'x', name: 'X', kind: 'k', parentId: 'u5000' }], ids, DEPTH);
    expect(below).toMatchObject({ ok: false, problems: [{ field: 'changes/0/parentId', message: expect.stringContaining('level 5001') }] });
    // A cycle check from the bottom of the chain walks it without recursion.
    expect(decideReorganization(deep, [{ op: 'move', unitId: 'u1', parentId: 'u5000' }], ids, DEPTH)).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/cycle/) }] });
  });
});
