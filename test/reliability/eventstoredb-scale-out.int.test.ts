/**
 * Scale-out on EventStoreDB: several orgtrail instances, each with its own connection and
 * projector, on one server. Commands racing across instances are refused by the server's
 * expected-revision check and decided again — none lost, none duplicated; with one If-Match,
 * exactly one wins. A lagging projector's stale decision is refused and re-decided.
 * Needs EventStoreDB (ESDB_CONNECTION_STRING or Docker); otherwise skipped with the reason.
 * The same logic on one embedded store: shared-store-instances.int.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accepted, apiClient } from '../api/api-client.ts';
import { describeWithEsdb, detectEsdb, type EsdbServer } from '../support/esdb-availability.ts';
import { startEsdbInstance, type EsdbInstance } from './esdb-instance.ts';
import { laggingStore, type LaggingStore } from './lagging-projector.ts';

const availability = await detectEsdb();
/**
 * Commands of one instance take turns (per stream), so a command can lose the race at most
 * once per command of the other instance: with 4 each, the command service's 5 attempts always
 * suffice. (More racers per instance than attempts can starve one instance: see docs/reliability.md, "Limits".)
 */
const RACERS = 8;

describeWithEsdb('scale-out on EventStoreDB', availability, (esdb) => {
  let server: EsdbServer | undefined;
  let a: EsdbInstance;
  let b: EsdbInstance;
  let lagging: LaggingStore;
  const orgId = `scale-${randomUUID().slice(0, 8)}`;
  const org = `/api/v1/orgs/${orgId}`;
  const establish = (unitId: string) => ({ act: { id: `A-${unitId}` }, effectiveFrom: '2020-01-01', changes: [{ op: 'establish', unitId, name: unitId, kind: 'servizio', parentId: 'root' }] });

  beforeAll(async () => {
    server = await esdb.start();
    a = await startEsdbInstance(server.connectionString);
    b = await startEsdbInstance(server.connectionString, (store) => (lagging = laggingStore(store)).store);
    const api = apiClient(a.url, { token: a.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId, name: 'Scale-out' }));
    await accepted(api.post(`${org}/reorganizations`, { act: { id: 'A0' }, effectiveFrom: '2019-01-01', changes: [{ op: 'establish', unitId: 'root', name: 'Root', kind: 'direzione' }] }));
  }, 240_000);
  afterAll(async () => {
    lagging?.resume();
    await b?.close();
    await a?.close();
    await server?.stop();
  });

  const units = async (instance: EsdbInstance) => {
    await instance.orgtrail.projector.catchUp();
    return (await apiClient(instance.url).get(`${org}/org-chart?at=2020-06-01`)).body.units.map((u: { unitId: string }) => u.unitId).sort();
  };

  it('commands racing across instances without If-Match: each applied exactly once', async () => {
    const ids = Array.from({ length: RACERS }, (_, i) => `r${i}`);
    const results = await Promise.all(ids.map((id, i) => apiClient((i % 2 ? a : b).url, { token: a.adminToken }).post(`${org}/reorganizations`, establish(id))));

    expect(results.map((r) => r.status)).toEqual(Array(RACERS).fill(201));
    const stream = await a.orgtrail.store.readStream(`org-${orgId}`);
    expect(new Set(stream.map((e) => e.id)).size).toBe(stream.length);
    expect(stream.filter((e) => e.type === 'UnitEstablished')).toHaveLength(RACERS + 1);
    expect(await units(a)).toEqual(['root', ...ids].sort());
    expect(await units(b)).toEqual(await units(a));
  });

  it('commands racing across instances with the same If-Match: exactly one wins', async () => {
    await b.orgtrail.projector.catchUp();
    const etag = (await apiClient(a.url).get(`${org}/org-chart?at=2020-06-01`)).headers.get('etag')!;
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => apiClient((i % 2 ? a : b).url, { token: a.adminToken }).post(`${org}/reorganizations`, establish(`m${i}`), { 'If-Match': etag })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(RACERS - 1);
  });

  it('a decision on a lagging projection fails the expected revision and is decided again', async () => {
    await b.orgtrail.projector.catchUp();
    lagging.pause();
    await accepted(apiClient(a.url, { token: a.adminToken }).post(`${org}/reorganizations`, establish('late-a')));
    const from = lagging.calls.length;

    const pending = apiClient(b.url, { token: b.adminToken }).post(`${org}/reorganizations`, establish('late-b'));
    // B reads the head only to catch up after its stale decision was refused.
    while (!lagging.calls.slice(from).includes('headPosition')) await new Promise((resolve) => setTimeout(resolve, 10));
    lagging.resume();

    expect((await pending).status).toBe(201);
    expect(lagging.calls.slice(from)).toEqual(['headPosition', 'append ok']);
    expect((await units(b)).filter((id: string) => id.startsWith('late-'))).toEqual(['late-a', 'late-b']);
  });
});
