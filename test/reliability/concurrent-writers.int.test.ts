/**
 * Many writers at once over HTTP (test/api/concurrency.int.test.ts covers a handful; this is
 * the load version): 50 clients with the same If-Match → exactly one wins, the rest get 412,
 * and exactly one new revision is recorded; 50 clients without If-Match, each with a valid
 * change that does not conflict with the others → every one is applied exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

const CLIENTS = 50;
const org = '/api/v1/orgs/milano';

describe(`${CLIENTS} concurrent writers`, () => {
  let app: TestApp;
  let api: ApiClient;
  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
    await accepted(api.post(`${org}/reorganizations`, { act: { id: 'A0' }, effectiveFrom: '2019-01-01', changes: [{ op: 'establish', unitId: 'dg', name: 'DG', kind: 'direzione' }] }));
    await accepted(api.post(`${org}/objectives`, { objectiveId: 'ob1', unitId: 'dg', title: 'Original', effectiveFrom: '2024-01-01' }));
  });
  afterAll(() => app.close());

  it('revising one objective with the same If-Match: one 200, the rest 412, one new revision', async () => {
    const etag = (await api.get(`${org}/objectives/ob1?at=2024-06-01`)).headers.get('etag')!;
    const historyBefore = (await api.get(`${org}/objectives/ob1/history`)).body.history;

    const results = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => api.patch(`${org}/objectives/ob1`, { title: `Title ${i}`, effectiveFrom: '2024-06-01' }, { 'If-Match': etag })),
    );

    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(CLIENTS - 1);
    const history = (await api.get(`${org}/objectives/ob1/history`)).body.history;
    expect(history).toHaveLength(historyBefore.length + 1);
    const winnerIndex = results.indexOf(winners[0]!);
    expect((await api.get(`${org}/objectives/ob1?at=2024-06-01`)).body.objective.title).toBe(`Title ${winnerIndex}`);
  });

  it('reorganising one org with the same If-Match: one 201, the rest 412, only the winner applied', async () => {
    const etag = (await api.get(`${org}/org-chart?at=2020-01-01`)).headers.get('etag')!;
    const head = await app.store.headPosition();

    const results = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        api.post(`${org}/reorganizations`, { act: { id: `M${i}` }, effectiveFrom: '2020-01-01', changes: [{ op: 'establish', unitId: `m${i}`, name: `M${i}`, kind: 'servizio', parentId: 'dg' }] }, { 'If-Match': etag }),
      ),
    );

    const winners = results.map((r, i) => ({ status: r.status, i })).filter((r) => r.status === 201);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(CLIENTS - 1);
    expect(await app.store.headPosition()).toBe(head + 1);
    const units = (await api.get(`${org}/org-chart?at=2020-01-01`)).body.units.map((u: { unitId: string }) => u.unitId);
    expect(units.filter((id: string) => id.startsWith('m'))).toEqual([`m${winners[0]!.i}`]);
  });

  it('reorganising one org without If-Match: every non-conflicting change is applied exactly once', async () => {
    const head = await app.store.headPosition();

    const results = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        api.post(`${org}/reorganizations`, { act: { id: `N${i}` }, effectiveFrom: '2021-01-01', changes: [{ op: 'establish', unitId: `n${i}`, name: `N${i}`, kind: 'servizio', parentId: 'dg' }] }),
      ),
    );

    expect(results.map((r) => r.status)).toEqual(Array(CLIENTS).fill(201));
    expect(new Set(results.map((r) => r.body.revision)).size).toBe(CLIENTS);
    expect(await app.store.headPosition()).toBe(head + CLIENTS);
    const units = (await api.get(`${org}/org-chart?at=2021-01-01`)).body.units.map((u: { unitId: string }) => u.unitId);
    expect(units.filter((id: string) => id.startsWith('n')).sort()).toEqual(Array.from({ length: CLIENTS }, (_, i) => `n${i}`).sort());
  });
});
