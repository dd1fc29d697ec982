/**
 * EventStoreDB goes away and comes back (its container is stopped, then started again):
 *   - meanwhile commands fail fast with 503 and a Retry-After header, appending nothing;
 *   - once it is back, commands succeed again and the projector resumes from the last
 *     position it applied: every event applied exactly once, in order, none missing.
 * Needs Docker (a container the test may stop); otherwise skipped with the reason.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GenericContainer, Wait, getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { ESDB_IMAGE } from '../../src/store/eventstoredb/esdb-image.ts';
import { accepted, apiClient } from '../api/api-client.ts';
import { describeWithEsdb, detectEsdb } from '../support/esdb-availability.ts';
import { startEsdbInstance, type EsdbInstance } from './esdb-instance.ts';

const availability = await detectEsdb({ ...process.env, ESDB_CONNECTION_STRING: '' });
const ESDB_PORT = 2113;

/** A free TCP port of 127.0.0.1, so the container keeps the same host port across a restart. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

async function until<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describeWithEsdb('EventStoreDB outage', availability, () => {
  let container: StartedTestContainer;
  let instance: EsdbInstance;
  const applied: number[] = [];

  beforeAll(async () => {
    const port = await freePort();
    // On disk (not in memory), so the log survives the stop.
    container = await new GenericContainer(ESDB_IMAGE)
      .withExposedPorts({ container: ESDB_PORT, host: port })
      .withEnvironment({ EVENTSTORE_CLUSTER_SIZE: '1', EVENTSTORE_INSECURE: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None' })
      .withWaitStrategy(Wait.forHttp('/health/live', ESDB_PORT).forStatusCodeMatching((status) => status >= 200 && status < 300))
      .withStartupTimeout(120_000)
      .start();
    const connectionString = `esdb://127.0.0.1:${port}?tls=false`;
    instance = await until('EventStoreDB serving', async () => startEsdbInstance(connectionString));
    instance.orgtrail.projector.applied$.subscribe(({ position }) => applied.push(position));
  }, 240_000);
  afterAll(async () => {
    await instance?.close();
    await container?.stop();
  });

  it('answers 503 with Retry-After while EventStoreDB is down, and resumes without gaps or duplicates', async () => {
    const api = apiClient(instance.url, { token: instance.adminToken });
    const establish = (unitId: string) => ({ act: { id: unitId }, effectiveFrom: '2020-01-01', changes: [{ op: 'establish', unitId, name: unitId, kind: 'area', parentId: null }] });
    await accepted(api.post('/api/v1/orgs', { orgId: 'outage', name: 'Outage' }));
    await accepted(api.post('/api/v1/orgs/outage/reorganizations', establish('before')));

    const docker = (await getContainerRuntimeClient()).container;
    const raw = docker.getById(container.getId());
    await docker.stop(raw, { timeout: 0 });
    const down = await api.post('/api/v1/orgs/outage/reorganizations', establish('during'));
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);

    await docker.start(raw);
    await until('a command accepted again', async () => {
      const r = await api.post('/api/v1/orgs/outage/reorganizations', establish('after'));
      return r.status === 201 ? r : undefined;
    });
    await until('the projector caught up', async () => {
      await instance.orgtrail.projector.catchUp();
      return true;
    });

    const log = await instance.orgtrail.store.readAll();
    expect(applied).toEqual(log.map((e) => e.position));
    const chart = await api.get('/api/v1/orgs/outage/org-chart?at=2020-06-01');
    expect(chart.body.units.map((u: { unitId: string }) => u.unitId)).toEqual(['before', 'after']);
  }, 300_000);
}, ' (this test must stop and start its own container)');
