/**
 * Idempotency-Key on commands: a client that did not get an answer (a timeout, a 503 whose
 * append had in fact been written) resends the same command with the same key and gets the
 * original result; nothing is appended twice, also across a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { accepted, apiClient, type ApiClient } from './api-client.ts';

const base = '/api/v1/orgs/milano';
const measurement = { value: 12, measuredAt: '2024-03-31' };
const keyed = (key: string) => ({ 'Idempotency-Key': key });

describe('Idempotency-Key', () => {
  let dataDir: string;
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orgtrail-idem-'));
    app = await startTestApp({ dataDir });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
    await accepted(api.post(`${base}/reorganizations`, { act: { id: 'D1' }, effectiveFrom: '2024-01-01', changes: [{ op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' }] }));
    await accepted(api.post(`${base}/objectives`, {
      objectiveId: 'ob1', unitId: 'dg', title: 'Digitalizzare', effectiveFrom: '2024-01-01',
      indicators: [{ indicatorId: 'ind1', description: 'Pratiche', target: 100 }, { indicatorId: 'ind2', description: 'Sportelli', target: 5 }],
    }));
  });
  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('given a measurement sent twice with one key, then both answers are the original and it is recorded once', async () => {
    const first = await accepted(api.post(`${base}/indicators/ind1/measurements`, measurement, keyed('m-1')));
    const head = await app.store.headPosition();
    const retry = await accepted(api.post(`${base}/indicators/ind1/measurements`, measurement, keyed('m-1')));
    expect(retry.body).toEqual(first.body);
    expect(await app.store.headPosition()).toBe(head);
    expect((await api.get(`${base}/indicators/ind1/measurements`)).body.measurements).toHaveLength(1);
  });

  it('given a reorganisation resent with its key after it was applied, then it is not decided again (no 422 for the unit it created)', async () => {
    const body = { act: { id: 'D2' }, effectiveFrom: '2024-02-01', changes: [{ op: 'establish', unitId: 'area-1', name: 'Area 1', kind: 'area', parentId: 'dg' }] };
    const first = await accepted(api.post(`${base}/reorganizations`, body, keyed('reorg-2')));
    const retry = await api.post(`${base}/reorganizations`, body, keyed('reorg-2'));
    expect([retry.status, retry.body]).toEqual([201, first.body]);
    const unkeyed = await api.post(`${base}/reorganizations`, body);
    expect(unkeyed.status).toBe(422);
  });

  it('given a key already used for another command, then 422 naming Idempotency-Key and nothing appended', async () => {
    await accepted(api.post(`${base}/indicators/ind1/measurements`, measurement, keyed('m-shared')));
    const head = await app.store.headPosition();
    const r = await api.post(`${base}/indicators/ind2/measurements`, measurement, keyed('m-shared'));
    expect(r.status).toBe(422);
    expect(r.body.problems.map((p: { field: string }) => p.field)).toEqual(['Idempotency-Key']);
    expect(await app.store.headPosition()).toBe(head);
  });

  it('given a malformed key, then 400 naming Idempotency-Key and nothing appended', async () => {
    const head = await app.store.headPosition();
    for (const key of ['has space', 'x'.repeat(201)]) {
      const r = await api.post(`${base}/indicators/ind1/measurements`, measurement, keyed(key));
      expect([r.status, r.body.problems?.map((p: { field: string }) => p.field)]).toEqual([400, ['Idempotency-Key']]);
    }
    expect(await app.store.headPosition()).toBe(head);
  });

  it('given two principals using the same key, then their commands do not collide', async () => {
    const issued = await accepted(api.post('/api/v1/tokens', { name: 'Ufficio Statistica', role: 'editor' }));
    const other = apiClient(app.url, { token: issued.body.token });
    const mine = await accepted(api.post(`${base}/indicators/ind2/measurements`, measurement, keyed('same-key')));
    const theirs = await accepted(other.post(`${base}/indicators/ind2/measurements`, measurement, keyed('same-key')));
    expect(theirs.body.position).toBeGreaterThan(mine.body.position);
  });

  it('given 20 identical reorganisations sent at once with one key, then all 20 get the original 201 and it is appended once', async () => {
    const body = { act: { id: 'D20' }, effectiveFrom: '2024-03-01', changes: [{ op: 'establish', unitId: 'area-20', name: 'Area 20', kind: 'area', parentId: 'dg' }] };
    const head = await app.store.headPosition();
    const answers = await Promise.all(Array.from({ length: 20 }, () => api.post(`${base}/reorganizations`, body, keyed('reorg-20'))));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
    for (const r of answers) expect(r.body).toEqual(answers[0]!.body);
    expect(await app.store.headPosition()).toBe(head + 1);
  });

  it('given a key reused with a different body, then 422 idempotency_key_reused naming Idempotency-Key and nothing appended', async () => {
    await accepted(api.post(`${base}/indicators/ind1/measurements`, { value: 1, measuredAt: '2024-04-30' }, keyed('m-body')));
    const head = await app.store.headPosition();
    const r = await api.post(`${base}/indicators/ind1/measurements`, { value: 2, measuredAt: '2024-04-30' }, keyed('m-body'));
    expect([r.status, r.body.code, r.body.problems.map((p: { field: string }) => p.field)]).toEqual([422, 'idempotency_key_reused', ['Idempotency-Key']]);
    expect(await app.store.headPosition()).toBe(head);
  });

  it("given a revoked token's successor with the same name, then it does not inherit the revoked token's keys", async () => {
    const first = await accepted(api.post('/api/v1/tokens', { name: 'Ufficio Controllo', role: 'editor' }));
    const before = await accepted(apiClient(app.url, { token: first.body.token }).post(`${base}/indicators/ind2/measurements`, measurement, keyed('successor-key')));
    await accepted(api.post(`/api/v1/tokens/${first.body.tokenId}/revoke`, {}), 200);
    const second = await accepted(api.post('/api/v1/tokens', { name: 'Ufficio Controllo', role: 'editor' }));
    const after = await accepted(apiClient(app.url, { token: second.body.token }).post(`${base}/indicators/ind2/measurements`, measurement, keyed('successor-key')));
    expect(after.body.position).toBeGreaterThan(before.body.position);
    expect(after.body.eventIds).not.toEqual(before.body.eventIds);
  });

  it('given a restart on the same data, then a retry still gets the original result', async () => {
    const first = await accepted(api.post(`${base}/indicators/ind1/measurements`, { value: 40, measuredAt: '2024-06-30' }, keyed('before-restart')));
    await app.close();
    app = await startTestApp({ dataDir });
    api = apiClient(app.url, { token: app.adminToken });
    const retry = await accepted(api.post(`${base}/indicators/ind1/measurements`, { value: 40, measuredAt: '2024-06-30' }, keyed('before-restart')));
    expect(retry.body).toEqual(first.body);
  });
});
