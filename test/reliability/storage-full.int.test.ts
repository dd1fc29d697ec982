/**
 * A full disk: a command the store has no room for answers 507 `storage_full` with
 * Retry-After (never 500), appends nothing, leaves reads answering, and the same command
 * succeeds once space returns, without a restart. The disk is filled deterministically with
 * SQLite's max_page_count, which makes SQLite fail the write with SQLITE_FULL exactly as a
 * full device does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

const base = '/api/v1/orgs/milano';
/** Enough text to need new pages of the database file. */
const bigReorganization = {
  act: { id: 'D-big' },
  effectiveFrom: '2024-02-01',
  changes: Array.from({ length: 40 }, (_, i) => ({ op: 'establish', unitId: `u-${i}`, name: `Unità ${i} ${'x'.repeat(150)}`, kind: 'unita', parentId: 'dg' })),
};

describe('full disk', () => {
  let dataDir: string;
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orgtrail-full-'));
    app = await startTestApp({ dataDir });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
    await accepted(api.post(`${base}/reorganizations`, { act: { id: 'D1' }, effectiveFrom: '2024-01-01', changes: [{ op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' }] }));
  });
  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('given no space left, when a command is sent, then 507 storage_full with Retry-After and nothing appended; reads still answer', async () => {
    const head = await app.store.headPosition();
    app.embedded.setMaxPageCount(1);
    const refused = await api.post(`${base}/reorganizations`, bigReorganization);
    expect([refused.status, refused.body.code, refused.contentType]).toEqual([507, 'storage_full', 'application/problem+json; charset=utf-8']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await app.store.headPosition()).toBe(head);
    const chart = await api.get(`${base}/org-chart`);
    expect([chart.status, chart.body.units.map((u: { unitId: string }) => u.unitId)]).toEqual([200, ['dg']]);
  });

  it('given space returns, when the same command is sent again, then it is accepted without a restart', async () => {
    app.embedded.setMaxPageCount(1_073_741_823);
    const result = await accepted(api.post(`${base}/reorganizations`, bigReorganization));
    expect(result.body.eventIds).toHaveLength(40);
    expect((await api.get(`${base}/org-chart`)).body.units).toHaveLength(41);
  });
});
