/** Concurrent commands over HTTP: without If-Match all succeed (decided again on a lost race); with the same If-Match exactly one wins. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { accepted, apiClient, type ApiClient } from './api-client.ts';

describe('concurrent reorganisations', () => {
  let app: TestApp;
  let api: ApiClient;
  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
    await accepted(api.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'A0' }, effectiveFrom: '2019-01-01', changes: [{ op: 'establish', unitId: 'dg', name: 'DG', kind: 'direzione' }] }));
  });
  afterAll(() => app.close());

  it('accepts 8 concurrent reorganisations without If-Match, each once', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api.post('/api/v1/orgs/milano/reorganizations', { act: { id: `A${i + 1}` }, effectiveFrom: '2020-01-01', changes: [{ op: 'establish', unitId: `u${i}`, name: `U${i}`, kind: 'servizio', parentId: 'dg' }] }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(results.map((r) => r.body.revision).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const chart = await api.get('/api/v1/orgs/milano/org-chart?at=2020-01-01');
    expect(chart.body.units).toHaveLength(9);
    // The read's ETag leads with the org stream's revision (its If-Match), then its basis hash.
    expect(chart.headers.get('etag')).toMatch(/^W\/"9\.[\w-]+"$/);
  });

  it('lets exactly one of several commands with the same If-Match through; the others get 412', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        api.post('/api/v1/orgs/milano/reorganizations', { act: { id: `B${i}` }, effectiveFrom: '2021-01-01', changes: [{ op: 'rename', unitId: 'dg', name: `DG ${i}` }] }, { 'If-Match': '"9"' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 412, 412, 412]);
    expect(await app.store.headPosition()).toBe(11);
  });
});
