/**
 * A generated 20,000-row IndicePA snapshot (a sample of the layout, not real data) imports
 * whole: every unit with its parent, its attestations chunked within the schema's ceilings
 * (1,000 units per FactsAttested). Checked for correctness only; the time is the benchmark's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { indicePaCsv, postSnapshot, type IpaRow } from './snapshot-samples.ts';

const UNITS = 20_000;
const code = (i: number) => `U${String(i).padStart(6, '0')}`;
/** A tree of fan-out 5 (depth 7): unit i's parent is unit floor((i - 1) / 5). */
const rows: IpaRow[] = Array.from({ length: UNITS }, (_, i) => ({
  code: code(i),
  ...(i === 0 ? {} : { parent: code(Math.floor((i - 1) / 5)) }),
  name: i === 0 ? 'Direzione Generale' : `Ufficio ${i}`,
  ...(i % 7 === 0 ? { head: ['Nome', `Cognome${i}`] as [string, string] } : {}),
  updated: '2025-01-31',
}));

describe('a 20,000-row snapshot', () => {
  let app: TestApp;
  let api: ApiClient;
  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'grande', name: 'Ente Grande' }));
  });
  afterAll(() => app.close());

  it('imports every unit, parent and head, attested in chunks of 1,000', async () => {
    const csv = indicePaCsv(rows);
    const r = await postSnapshot(app.url, app.adminToken, 'grande', csv, {}, 'uo-grande.csv');
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(201);
    expect(r.body.files[0]).toMatchObject({ rows: UNITS, units: UNITS, snapshotDate: '2025-01-31' });
    const chart = (await api.get('/api/v1/orgs/grande/org-chart?at=2025-01-31')).body as { units: { unitId: string; parentId: string | null; head: { person: string } | null; evidence: { status: string } }[] };
    expect(chart.units).toHaveLength(UNITS);
    const byId = new Map(chart.units.map((u) => [u.unitId, u]));
    for (const i of [1, 5, 6, 777, 12_345, UNITS - 1]) expect(byId.get(code(i))?.parentId).toBe(code(Math.floor((i - 1) / 5)));
    expect(byId.get(code(0))?.parentId).toBeNull();
    expect(byId.get(code(14_000))?.head?.person).toBe('Nome Cognome14000');
    expect(chart.units.every((u) => u.evidence.status === 'attested')).toBe(true);
    const attestations = (await app.store.readStream('org-grande')).filter((e) => e.type === 'FactsAttested');
    expect(attestations.map((e) => (e.data as { units: unknown[] }).units.length)).toEqual(Array(UNITS / 1000).fill(1000));
  }, 180_000); // a correctness test of a large input on a shared machine: the bound only stops a hang
});
