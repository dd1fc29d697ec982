/**
 * History entries carry `changes: [{field, before, after}]`: `before` is the attribute's value in
 * the fold just before the event, in (effectiveFrom, position) order, as known at the cut.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted } from '../api/api-client.ts';
import { BASE, startScenario, type Scenario } from './audit-scenario.ts';

type Entry = { position: number; changes: { field: string; before: unknown; after: unknown }[]; change: unknown };
const changesByPosition = (history: Entry[]) => Object.fromEntries(history.map((e) => [e.position, e.changes]));

describe('history with field-level before/after', () => {
  let s: Scenario;

  beforeAll(async () => {
    s = await startScenario();
  });
  afterAll(() => s.app.close());

  it('gives every change of a unit with the value before and after, keeping `change`', async () => {
    const r = await s.api.get(`${BASE}/units/cultura/history`);
    expect(r.status).toBe(200);
    expect(changesByPosition(r.body.history)).toEqual({
      3: [
        { field: 'active', before: null, after: true },
        { field: 'name', before: null, after: 'Area Cultura' },
        { field: 'kind', before: null, after: 'area' },
        { field: 'parentId', before: null, after: 'dg' },
      ],
      4: [
        { field: 'competencies/c-musei/holder', before: null, after: 'cultura' },
        { field: 'competencies/c-musei/text', before: null, after: 'Gestione dei musei civici' },
      ],
      8: [{ field: 'name', before: 'Area Cultura', after: 'Area Cultura e Turismo' }],
      9: [
        { field: 'units/turismo/active', before: null, after: true },
        { field: 'units/turismo/name', before: null, after: 'Unità Turismo' },
        { field: 'units/turismo/kind', before: null, after: 'unita' },
        { field: 'units/turismo/parentId', before: null, after: 'cultura' },
      ],
      12: [{ field: 'head', before: null, after: { person: 'Luca Verdi', title: null } }],
    });
    expect(r.body.history.find((e: Entry) => e.position === 8).change).toEqual({ unitId: 'cultura', name: 'Area Cultura e Turismo' });
  });

  it('gives the per-year statements of an objective and its indicators', async () => {
    const r = await s.api.get(`${BASE}/objectives/ob1/history`);
    expect(changesByPosition(r.body.history)).toEqual({
      6: [
        { field: 'status', before: null, after: 'active' },
        { field: 'title', before: null, after: 'Musei aperti' },
        { field: 'unitId', before: null, after: 'cultura' },
        { field: 'links', before: null, after: [] },
        { field: 'years/2024', before: null, after: 'Aprire 3 musei' },
        { field: 'years/2025', before: null, after: 'Aprire 4 musei' },
      ],
      7: [
        { field: 'indicators/ob1.i1/description', before: null, after: 'Musei aperti' },
        { field: 'indicators/ob1.i1/kind', before: null, after: null },
        { field: 'indicators/ob1.i1/unit', before: null, after: 'n' },
        { field: 'indicators/ob1.i1/target', before: null, after: 3 },
      ],
      10: [{ field: 'years/2025', before: 'Aprire 4 musei', after: 'Aprire 5 musei' }],
    });
  });

  it('gives the history of an indicator, measurements included (new endpoint), and 404 for an unknown one', async () => {
    await accepted(s.api.patch(`${BASE}/objectives/ob1`, { indicators: [{ indicatorId: 'ob1.i1', description: 'Musei aperti', unit: 'n', target: 4 }], effectiveFrom: '2024-09-01' }), 200);
    await accepted(s.api.post(`${BASE}/indicators/ob1.i1/measurements`, { value: 3, measuredAt: '2024-06-30', note: 'rettifica' }));
    const r = await s.api.get(`${BASE}/indicators/ob1.i1/history`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ indicatorId: 'ob1.i1', objectiveId: 'ob1', at: null, position: 15 });
    expect(r.body.history.map((e: Entry & { type: string }) => [e.position, e.type, e.changes])).toEqual([
      [7, 'IndicatorDefined', [
        { field: 'description', before: null, after: 'Musei aperti' },
        { field: 'kind', before: null, after: null },
        { field: 'unit', before: null, after: 'n' },
        { field: 'target', before: null, after: 3 },
      ]],
      [13, 'MeasurementRecorded', [{ field: 'measurements/2024-06-30', before: null, after: 2 }]],
      [15, 'MeasurementRecorded', [{ field: 'measurements/2024-06-30', before: 2, after: 3 }]],
      [14, 'IndicatorTargetRevised', [
        { field: 'unit', before: 'n', after: 'n' },
        { field: 'target', before: 3, after: 4 },
      ]],
    ]);
    expect((await s.api.get(`${BASE}/indicators/nope/history`)).status).toBe(404);
  });

  it('takes `before` from the fold as known at the cut: a backdated change recorded later is seen only from its position', async () => {
    await accepted(s.api.post(`${BASE}/reorganizations`, { act: { id: 'R-2021' }, effectiveFrom: '2021-01-01', changes: [{ op: 'rename', unitId: 'dg', name: 'DG 2021' }] })); // 16
    await accepted(s.api.post(`${BASE}/reorganizations`, { act: { id: 'R-2020' }, effectiveFrom: '2020-01-01', changes: [{ op: 'rename', unitId: 'dg', name: 'DG 2020' }] })); // 17, backdated
    const renames = async (query: string) =>
      (await s.api.get(`${BASE}/units/dg/history${query}`)).body.history.filter((e: { type: string }) => e.type === 'UnitRenamed').map((e: Entry) => [e.position, e.changes]);
    expect(await renames('?asOfPosition=16')).toEqual([[16, [{ field: 'name', before: 'Direzione Generale', after: 'DG 2021' }]]]);
    expect(await renames('')).toEqual([
      [17, [{ field: 'name', before: 'Direzione Generale', after: 'DG 2020' }]],
      [16, [{ field: 'name', before: 'DG 2020', after: 'DG 2021' }]],
    ]);
  });
});
