/**
 * "What was recorded late?" — changes recorded more than minDays days after their effective
 * date, where late means the recordedAt instant's date in Europe/Rome minus effectiveFrom.
 * Late recordings are made genuinely late with a manual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { manualClock, startTestApp, type TestApp } from '../support/start-test-app.ts';

interface Row {
  position: number;
  orgId: string;
  streamId: string;
  type: string;
  effectiveFrom: string;
  recordedAt: string;
  recordedBy: string;
  act: { id: string } | null;
  daysLate: number;
}
const rows = (body: { records: Row[] }) => body.records.map((r) => [r.orgId, r.act?.id, r.type, r.effectiveFrom, r.recordedAt, r.daysLate]);

describe('GET /audit/backdated', () => {
  const time = manualClock('2024-01-10T09:00:00.000Z');
  let app: TestApp;
  let api: ApiClient;
  const reorg = (org: string, act: string, effectiveFrom: string, changes: unknown[]) =>
    accepted(api.post(`/api/v1/orgs/${org}/reorganizations`, { act: { id: act }, effectiveFrom, changes }));

  beforeAll(async () => {
    app = await startTestApp({ clock: time.clock });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'comune', name: 'Comune' }));
    await accepted(api.post('/api/v1/orgs', { orgId: 'citta', name: 'Città' }));
    await reorg('comune', 'ON-TIME', '2024-01-10', [{ op: 'establish', unitId: 'a', name: 'A', kind: 'area' }]);
    await reorg('comune', 'LATE-40', '2023-12-01', [{ op: 'establish', unitId: 'b', name: 'B', kind: 'area' }]);
    await reorg('citta', 'LATE-9', '2024-01-01', [{ op: 'establish', unitId: 'x', name: 'X', kind: 'area' }]);
    // 22:30 UTC on 31 January is 23:30 in Rome: 30 days late, not more than 30.
    time.set('2024-01-31T22:30:00.000Z');
    await reorg('citta', 'LATE-30', '2024-01-01', [{ op: 'rename', unitId: 'x', name: 'X bis' }]);
    // 23:30 UTC on 31 January is already 1 February in Rome: 31 days late.
    time.set('2024-01-31T23:30:00.000Z');
    await reorg('citta', 'LATE-31-ROME', '2024-01-01', [{ op: 'rename', unitId: 'x', name: 'X ter' }]);
  });
  afterAll(() => app.close());

  it('lists, in position order across orgs, the changes recorded more than minDays after their effective date', async () => {
    const r = await api.get('/api/v1/audit/backdated?minDays=30');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ at: null, org: null, minDays: 30 });
    expect(rows(r.body)).toEqual([
      ['comune', 'LATE-40', 'UnitEstablished', '2023-12-01', '2024-01-10T09:00:00.000Z', 40],
      ['citta', 'LATE-31-ROME', 'UnitRenamed', '2024-01-01', '2024-01-31T23:30:00.000Z', 31],
    ]);
    const positions = r.body.records.map((row: Row) => row.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('names who recorded each change, in which stream and at which position', async () => {
    const r = await api.get('/api/v1/audit/backdated?minDays=30&org=comune');
    const history = await api.get('/api/v1/orgs/comune/units/b/history');
    const established = history.body.history[0];
    expect(r.body.records).toEqual([
      {
        position: established.position,
        orgId: 'comune',
        streamId: 'org-comune',
        eventId: established.eventId,
        type: 'UnitEstablished',
        effectiveFrom: '2023-12-01',
        recordedAt: '2024-01-10T09:00:00.000Z',
        recordedBy: established.recordedBy,
        act: { id: 'LATE-40' },
        daysLate: 40,
        retracted: null,
      },
    ]);
  });

  it('filters by org and by a lower threshold (default 30 days)', async () => {
    const citta = await api.get('/api/v1/audit/backdated?org=citta&minDays=5');
    expect(rows(citta.body).map(([, act, , , , days]) => [act, days])).toEqual([
      ['LATE-9', 9],
      ['LATE-30', 30],
      ['LATE-31-ROME', 31],
    ]);
    const byDefault = await api.get('/api/v1/audit/backdated');
    expect(byDefault.body.minDays).toBe(30);
    expect(rows(byDefault.body).map(([, act]) => act)).toEqual(['LATE-40', 'LATE-31-ROME']);
  });

  it('answers as known at an earlier instant', async () => {
    const r = await api.get('/api/v1/audit/backdated?minDays=0&asKnownAt=2024-01-20T00:00:00Z');
    expect(r.body.asKnownAt).toBe('2024-01-20T00:00:00.000Z');
    expect(rows(r.body).map(([, act]) => act)).toEqual(['LATE-40', 'LATE-9']);
  });

  it('keeps a late change whose act was later annulled, saying which annulment retracted it, as known from then on', async () => {
    const before = (await api.get('/api/v1/audit/backdated?org=comune')).body.position;
    const annulment = await accepted(api.post('/api/v1/orgs/comune/acts/LATE-40/annul', { reason: 'delibera annullata', act: { id: 'ANNUL-40' } }));
    const after = await api.get('/api/v1/audit/backdated?org=comune');
    expect(after.body.records.map((r: Row & { retracted: unknown }) => [r.act?.id, r.retracted])).toEqual([
      ['LATE-40', { annulmentPosition: annulment.body.position, annulledActId: 'LATE-40', invalidated: null }],
    ]);
    const asKnownBefore = await api.get(`/api/v1/audit/backdated?org=comune&asOfPosition=${before}`);
    expect(asKnownBefore.body.records.map((r: Row & { retracted: unknown }) => [r.act?.id, r.retracted])).toEqual([['LATE-40', null]]);
  });

  it('refuses bad parameters naming the field, and an unknown org with 404', async () => {
    for (const [query, field] of [['minDays=-1', 'minDays'], ['minDays=abc', 'minDays'], ['org=Not_A_Slug', 'org'], ['since=2024-01-01', 'since']] as const) {
      const r = await api.get(`/api/v1/audit/backdated?${query}`);
      expect([query, r.status, r.body.problems?.map((p: { field: string }) => p.field)]).toEqual([query, 400, [field]]);
    }
    expect((await api.get('/api/v1/audit/backdated?org=nessuno')).status).toBe(404);
  });
});
