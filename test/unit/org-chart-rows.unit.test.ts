/**
 * Property: the org chart answered from the bitemporal state rows (OrgChartIndex.orgChart) is,
 * at every cut, exactly the units' views read one by one from their timelines
 * (OrgChartIndex.unit), for any sequence of org events — backdated changes, competency moves,
 * head changes, dissolutions and annulments of acts included — and for every knowledge cut
 * and valid date, before, on and after each change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventDataByType, EventType } from '../../events/types.ts';
import { periodBefore, periodOf } from '../../projections/org-chart-rows.ts';
import { ReadModels } from '../../projections/read-models.ts';
import { recorder } from '../support/recorded-events.ts';

const ORG = 'org-milano';
const UNITS = ['u0', 'u1', 'u2', 'u3', 'u4'];
const COMPETENCIES = ['c0', 'c1', 'c2', 'c3'];
const ACTS = ['A0', 'A1', 'A2'];
// Quarter starts (2019-01-01, 2021-04-01, 2022-10-01) and ends: rows closing on them are registered up to the quarter before.
const DATES = ['2019-01-01', '2019-07-15', '2020-01-01', '2020-12-31', '2021-04-01', '2021-06-01', '2022-10-01', '2023-02-28'];

type Change = { [K in EventType]: { type: K; data: EventDataByType[K] } }[EventType];

const unit = fc.constantFrom(...UNITS);
const competency = fc.constantFrom(...COMPETENCIES);
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ unitId: unit, name: fc.constantFrom('Alfa', 'Beta'), parentId: fc.option(unit) }).map((d) => ({ type: 'UnitEstablished' as const, data: { ...d, kind: 'settore' } })),
  fc.record({ unitId: unit, name: fc.constantFrom('Gamma', 'Delta') }).map((data) => ({ type: 'UnitRenamed' as const, data })),
  fc.record({ unitId: unit, parentId: fc.option(unit) }).map((data) => ({ type: 'UnitMoved' as const, data })),
  fc.record({ unitId: unit, kind: fc.constantFrom('area', 'servizio') }).map((data) => ({ type: 'UnitReclassified' as const, data })),
  fc.record({ unitId: unit, successorIds: fc.array(unit, { maxLength: 1 }) }).map((data) => ({ type: 'UnitDissolved' as const, data })),
  fc.record({ competencyId: competency, unitId: unit, text: fc.constantFrom('Tributi', 'Anagrafe') }).map((data) => ({ type: 'CompetencyAssigned' as const, data })),
  fc.record({ competencyId: competency, unitId: unit }).map((data) => ({ type: 'CompetencyWithdrawn' as const, data })),
  fc.record({ competencyId: competency, fromUnitId: unit, toUnitId: unit }).map((data) => ({ type: 'CompetencyTransferred' as const, data })),
  fc.record({ unitId: unit, person: fc.constantFrom('Rossi', 'Bianchi'), title: fc.option(fc.constant('dott.')) }).map((data) => ({ type: 'HeadAppointed' as const, data })),
  fc.record({ unitId: unit }).map((data) => ({ type: 'HeadVacated' as const, data })),
  fc.record({ actId: fc.constantFrom(...ACTS), reason: fc.constant('annullato') }).map((data) => ({ type: 'ActAnnulled' as const, data })),
);
const step = fc.record({ change, effectiveFrom: fc.constantFrom(...DATES), act: fc.constantFrom(...ACTS) });

function givenHistory(steps: { change: Change; effectiveFrom: string; act: string }[], orgChartBlockEvents?: number): ReadModels {
  const record = recorder();
  const models = new ReadModels({ orgChartBlockEvents });
  models.apply(record(ORG, 'OrgRegistered', { orgId: 'milano', name: 'Comune di Milano' }, { effectiveFrom: '2019-01-01', recordedAt: '2019-01-01T08:00:00.000Z' }));
  steps.forEach(({ change: { type, data }, effectiveFrom, act }, i) => {
    const recordedAt = new Date(Date.UTC(2019, 0, 2 + i)).toISOString();
    models.apply(record(ORG, type, data as never, { effectiveFrom, recordedAt, act }));
  });
  return models;
}

const datesAround = DATES.flatMap((date) => {
  const day = Date.parse(`${date}T00:00:00Z`);
  return [day - 86_400_000, day, day + 86_400_000].map((ms) => new Date(ms).toISOString().slice(0, 10));
});

describe('org chart from state rows', () => {
  // Small knowledge blocks make every history cross block boundaries (and extend the horizon year across them).
  it.each([1, 3, undefined])('equals the units read one by one from their timelines, at every cut (blocks of %s org events)', (blockEvents) => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const models = givenHistory(steps, blockEvents);
        const chart = models.org('milano')!.chart;
        const unitIds = chart.unitIds();
        for (let maxPosition = 0; maxPosition <= models.position; maxPosition++) {
          for (const at of datesAround) {
            const cut = { at, maxPosition };
            const oneByOne = unitIds.map((id) => chart.unit(id, cut)).filter((view) => view !== undefined);
            expect(chart.orgChart(cut), `at ${at} as known at position ${maxPosition}`).toEqual(oneByOne);
          }
        }
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 150) },
    );
  });

  it('shares frozen views, so an answer cannot be changed by its reader', () => {
    const models = givenHistory([{ change: { type: 'UnitEstablished', data: { unitId: 'u0', name: 'Alfa', kind: 'area', parentId: null } }, effectiveFrom: '2019-01-01', act: 'A0' }]);
    const [view] = models.org('milano')!.chart.orgChart({ at: '2020-01-01', maxPosition: models.position });
    expect(view?.name).toBe('Alfa');
    expect(() => Object.assign(view!, { name: 'Beta' })).toThrow(TypeError);
    expect(models.org('milano')!.chart.orgChart({ at: '2020-01-01', maxPosition: models.position })[0]?.name).toBe('Alfa');
  });
});

describe('valid-time periods of the grid (quarters)', () => {
  it('given day keys, numbers quarters consecutively', () => {
    expect([20240101, 20240331, 20240401, 20240630, 20240701, 20241001, 20241231, 20250101].map(periodOf)).toEqual(
      [0, 0, 1, 1, 2, 3, 3, 4].map((q) => 2024 * 4 + q),
    );
  });

  it('given a row ending on a day (exclusive), registers it up to the quarter of the day before', () => {
    // A quarter's first day: the row ended with the previous quarter.
    expect([20240101, 20240401, 20240701, 20241001].map(periodBefore)).toEqual([2023 * 4 + 3, 2024 * 4, 2024 * 4 + 1, 2024 * 4 + 2]);
    // Any other day: its own quarter.
    expect([20240102, 20240201, 20240331, 20240402, 20240501, 20241231].map(periodBefore)).toEqual(
      [0, 0, 0, 1, 1, 3].map((q) => 2024 * 4 + q),
    );
  });
});
