/**
 * The later-date check of a backdated reorganisation (src/commands/check-later-dates.ts): it
 * stops at the first date on which every change of the command is overridden, and it yields
 * to the event loop between slices, so other work runs while it walks years of history.
 */
import { describe, expect, it } from 'vitest';
import { ReadModels } from '../../projections/read-models.ts';
import { laterDateProblems } from '../../src/commands/check-later-dates.ts';
import type { EventDraft } from '../../src/commands/decide-reorganization.ts';
import { recorder } from '../support/recorded-events.ts';

const ORG = 'org-milano';

/** Given: unit a established in 2020, then renamed on each of `dates` later days (a change date each), maybe dissolved in 2021. */
function givenManyLaterDates(dates: number, dissolveIn2021 = false) {
  const record = recorder();
  const models = new ReadModels();
  const on = (effectiveFrom: string) => ({ effectiveFrom, recordedAt: '2025-01-01T08:00:00.000Z', act: 'A' });
  models.apply(record(ORG, 'OrgRegistered', { orgId: 'milano', name: 'Milano' }, on('2020-01-01')));
  models.apply(record(ORG, 'UnitEstablished', { unitId: 'a', name: 'A', kind: 'area', parentId: null }, on('2020-01-01')));
  for (let i = 0; i < dates; i++) {
    const day = new Date(Date.UTC(2020, 1, 1) + i * 86_400_000).toISOString().slice(0, 10);
    models.apply(record(ORG, 'UnitRenamed', { unitId: 'a', name: `A${i}` }, on(day)));
  }
  if (dissolveIn2021) models.apply(record(ORG, 'UnitDissolved', { unitId: 'a', successorIds: [] }, on('2021-01-01')));
  return { chart: models.org('milano')!.chart, position: models.position };
}

const establishB: EventDraft[] = [{ type: 'UnitEstablished', data: { unitId: 'b', name: 'B', kind: 'ufficio', parentId: 'a' } }];

describe('the later-date check', () => {
  it('yields to the event loop between slices while it walks the later dates', async () => {
    const { chart, position } = givenManyLaterDates(50);
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    const problems = await laterDateProblems(chart, establishB, [0], '2020-01-15', position, 32, 0).then((p) => {
      order.push('check done');
      return p;
    });
    expect(problems).toEqual([]);
    expect(order).toEqual(['other work', 'check done']);
  });

  it('still finds the problem on the last of many later dates', async () => {
    const { chart, position } = givenManyLaterDates(50, true);
    const problems = await laterDateProblems(chart, establishB, [0], '2020-01-15', position, 32, 0);
    expect(problems).toEqual([{ field: 'changes/0', message: 'on 2021-01-01, when a later recorded change holds, this command would leave unit b under a, which is not active' }]);
  });
});
