/**
 * GET /api/v1/audit/verify and GET /api/v1/audit/events, served by the app as built by the
 * composition root: every append is hash-chained, the verdict and the raw log are readable, bad
 * query input is a 400 naming the field, and tampering with the running server's file shows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { manualClock, startTestApp, type TestApp } from '../support/start-test-app.ts';

const T1 = '2024-03-01T09:00:00.000Z';
const T2 = '2024-03-02T09:00:00.000Z';

describe('audit API', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orgtrail-audit-api-'));
  const time = manualClock(T1);
  let app: TestApp;
  let api: ApiClient;
  let head: number;

  beforeAll(async () => {
    app = await startTestApp({ dataDir, clock: time.clock });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
    await accepted(api.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'A1' }, effectiveFrom: '2020-01-01', changes: [{ op: 'establish', unitId: 'dg', name: 'DG', kind: 'direzione' }, { op: 'establish', unitId: 'u1', name: 'U1', kind: 'servizio', parentId: 'dg' }] }));
    time.set(T2);
    await accepted(api.post('/api/v1/orgs', { orgId: 'torino', name: 'Città di Torino' }));
    head = await app.store.headPosition();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const allEvents = async (query: string) => {
    const events = [];
    let after = -1;
    for (;;) {
      const page = await api.get(`/api/v1/audit/events?${query}&after=${after}`);
      expect(page.status).toBe(200);
      events.push(...page.body.events);
      if (page.body.next === null) return events;
      after = page.body.next;
    }
  };

  it('given commands recorded through the API, when verified, then the log is intact up to its head', async () => {
    const verdict = await api.get('/api/v1/audit/verify');

    expect(verdict.status).toBe(200);
    expect(verdict.body).toEqual({ intact: true, upToPosition: head, eventsChecked: head, streamsChecked: expect.any(Number), checkpointsChecked: 0 });
    expect(verdict.body.streamsChecked).toBeGreaterThanOrEqual(2);
  });

  it('when the events of an org are paged through, then each comes with its metadata and integrity, in position order', async () => {
    const page = await api.get('/api/v1/audit/events?org=milano');

    expect(page.status).toBe(200);
    expect(page.body.next).toBeNull();
    expect(page.body.events.map((e: { type: string }) => e.type)).toEqual(['OrgRegistered', 'UnitEstablished', 'UnitEstablished']);
    const [first, second] = page.body.events;
    expect(first).toMatchObject({ streamId: 'org-milano', revision: 0, recordedAt: T1, data: { orgId: 'milano', name: 'Comune di Milano' }, metadata: { orgId: 'milano', integrity: { previousHash: null } } });
    expect(Object.keys(first).sort()).toEqual(['data', 'eventId', 'metadata', 'position', 'recordedAt', 'revision', 'streamId', 'type']);
    expect(second.metadata.integrity.previousHash).toBe(first.metadata.integrity.hash);
    expect(second.position).toBeGreaterThan(first.position);
  });

  it('given limit 1, when following next, then every event of the log comes once, and the last page says next null', async () => {
    const paged = await allEvents('limit=1');
    const whole = await api.get('/api/v1/audit/events?limit=1000');

    expect(paged.map((e) => e.position)).toEqual(whole.body.events.map((e: { position: number }) => e.position));
    expect(paged).toHaveLength(head);
  });

  it('filters by stream, by type, and by recordedAt: from inclusive, to exclusive', async () => {
    const byStream = await api.get('/api/v1/audit/events?stream=org-torino');
    const byType = await api.get('/api/v1/audit/events?type=OrgRegistered');
    const fromT2 = await api.get(`/api/v1/audit/events?from=${T2}&type=OrgRegistered`);
    const toT2 = await api.get(`/api/v1/audit/events?to=${T2}&type=OrgRegistered`);

    expect(byStream.body.events.map((e: { streamId: string }) => e.streamId)).toEqual(['org-torino']);
    expect(byType.body.events.map((e: { data: { orgId: string } }) => e.data.orgId)).toEqual(['milano', 'torino']);
    expect(fromT2.body.events.map((e: { data: { orgId: string } }) => e.data.orgId)).toEqual(['torino']);
    expect(toT2.body.events.map((e: { data: { orgId: string } }) => e.data.orgId)).toEqual(['milano']);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['after=abc', 'after'],
    ['from=2024-03-01', 'from'],
    [`from=${T2}&to=${T1}`, 'from'],
    ['type=not a type', 'type'],
    ['org=Not_A_Slug', 'org'],
    ['colour=red', 'colour'],
  ])('given %s, then 400 problem+json naming %s', async (query, field) => {
    const response = await api.get(`/api/v1/audit/events?${query}`);

    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body.problems.map((p: { field: string }) => p.field)).toContain(field);
  });

  it('given an unknown parameter on verify, then 400 naming it', async () => {
    const response = await api.get('/api/v1/audit/verify?full=1');

    expect(response.status).toBe(400);
    expect(response.body.problems.map((p: { field: string }) => p.field)).toEqual(['full']);
  });

  it('lists both endpoints in the OpenAPI document', async () => {
    const document = await api.get('/api/v1/openapi.json');

    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/v1/audit/verify', '/api/v1/audit/events']));
    expect(document.body.paths['/api/v1/audit/events'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['after', 'from', 'limit', 'org', 'stream', 'to', 'type']);
  });

  it('given the data of a stored event edited in the running server\'s file, when verified, then its position is reported', async () => {
    const [target] = (await api.get('/api/v1/audit/events?stream=org-torino')).body.events;
    const db = new Database(join(dataDir, 'orgtrail.sqlite'));
    db.prepare(`UPDATE events SET data = replace(data, 'Torino', 'Tormo') WHERE position = ?`).run(target.position);
    db.close();

    const verdict = await api.get('/api/v1/audit/verify');

    expect(verdict.body).toMatchObject({ intact: false, position: target.position, streamId: 'org-torino', reason: expect.stringMatching(/altered/) });
  });
});
