/**
 * The event store contract against EventStoreDB: the server named by ESDB_CONNECTION_STRING,
 * else a container of ESDB_IMAGE (testcontainers). With neither, the suites are registered as
 * skipped with the reason in their title, and the reason is printed: never failed, never absent.
 *
 * On the one shared server: the whole contract over the raw adapter and over hashChained (the
 * way the service appends), then the cases that expose what the embedded store hides: a retried
 * stored batch, `any` retried from another client, an append over 1 MiB, a soft-deleted stream,
 * an arbitrary `after` cursor. Verification there reads a view of the test's own streams (the
 * shared log also holds the raw contract's unchained events). Every test gets its own client
 * and writes only to streams of its own.
 *
 * Then, with a container runtime only (ESDB_CONNECTION_STRING names one server, not a cluster
 * the test may break): a three-node cluster whose leader is killed while appends go on, after
 * which every batch is stored exactly once and the streams verify.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { EventStoreDBClient } from '@eventstore/db-client';
import { GenericContainer, Network, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashChained } from '../../src/audit/hash-chained-store.ts';
import { readAuditEvents } from '../../src/audit/read-audit-events.ts';
import { verifyLog, type VerifiableStore } from '../../src/audit/verify-log.ts';
import { AppendTooLargeError, BadRequestError, StreamDeletedError, UnavailableError } from '../../src/errors.ts';
import type { EventStore, EventToAppend } from '../../src/store/event-store.ts';
import { createEsdbEventStore } from '../../src/store/eventstoredb/esdb-event-store.ts';
import { ESDB_IMAGE } from '../../src/store/eventstoredb/esdb-image.ts';
import { hidingIntegrity } from '../audit/hiding-integrity.ts';
import { describeWithEsdb, detectEsdb, type EsdbServer } from '../support/esdb-availability.ts';
import { testEvents, uniqueStream } from './contract-fixtures.ts';
import { describeEventStoreContract } from './event-store.contract.ts';

const availability = await detectEsdb();

/** The store seen only through the streams whose names start with `prefix` (and what verify needs of it). */
function viewOf(store: EventStore, prefix: string): VerifiableStore {
  return {
    kind: store.kind,
    // Pages of the whole log are read until `maxCount` of the view's events are found (a short page means the end to verifyLog).
    readAll: async (options = {}) => {
      const wanted = options.maxCount ?? Infinity;
      const found = [];
      for (let from = options.fromPosition; ; ) {
        const page = await store.readAll({ ...options, fromPosition: from, maxCount: 1_000 });
        found.push(...page.filter((event) => event.streamId.startsWith(prefix)));
        if (found.length >= wanted || page.length < 1_000) return found.slice(0, wanted);
        from = page.at(-1)!.position;
      }
    },
    headPosition: () => store.headPosition(),
    streamRevision: (streamId) => store.streamRevision(streamId),
  };
}

describeWithEsdb('EventStoreDB adapter', availability, (esdb) => {
  let server: EsdbServer | undefined;
  const open: EventStore[] = [];
  const connectionString = () => {
    if (server === undefined) throw new Error('EventStoreDB did not start (see the beforeAll error)');
    return server.connectionString;
  };
  const adapter = () => {
    const store = createEsdbEventStore(connectionString());
    open.push(store);
    return store;
  };

  beforeAll(async () => {
    server = await esdb.start();
  }, 240_000);

  afterAll(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    await server?.stop();
  });

  describeEventStoreContract('eventstoredb', async () => createEsdbEventStore(connectionString()));
  describeEventStoreContract('hash-chained eventstoredb', async () => hidingIntegrity(hashChained(createEsdbEventStore(connectionString()))));

  describe('what the server does and the embedded store does not', () => {
    it('given a batch stored with any by one instance, when another instance retries it with any, then nothing is stored twice and the streams verify', async () => {
      const prefix = `retry-${randomUUID()}-`;
      const [first, second] = [hashChained(adapter()), hashChained(adapter())];
      const stream = `${prefix}s`;
      await first.append(stream, testEvents(2));
      const batch = testEvents(2);
      const original = await first.append(stream, batch);

      const retried = await second.append(stream, batch);
      const again = await second.append(stream, batch, { expectedRevision: 1 });

      expect(retried).toEqual(original);
      expect(again).toEqual(original);
      expect(await first.readStream(stream)).toHaveLength(4);
      expect(await verifyLog(viewOf(first, prefix))).toMatchObject({ intact: true, eventsChecked: 4 });
    });

    it('given appends of several events, then each append has one recordedAt, never decreasing with position', async () => {
      const store = hashChained(adapter());
      const [a, b] = [uniqueStream(), uniqueStream()];
      for (let n = 0; n < 5; n += 1) await store.append(n % 2 === 0 ? a : b, testEvents(3));

      const ours = (await store.readAll()).filter((event) => event.streamId === a || event.streamId === b);
      const times = ours.map((event) => event.recordedAt);
      expect(times).toEqual([...times].sort());
      for (let i = 0; i < ours.length; i += 3) expect(new Set(times.slice(i, i + 3)).size).toBe(1);
    });

    it('given an append over 1 MiB, then AppendTooLargeError (413) and nothing is appended', async () => {
      const store = hashChained(adapter());
      const stream = uniqueStream();

      const refusal = store.append(stream, [{ type: 'Big', data: { text: 'x'.repeat(1_100_000) }, metadata: {} }]);

      await expect(refusal).rejects.toBeInstanceOf(AppendTooLargeError);
      expect(await store.streamRevision(stream)).toBeNull();
    });

    it('given a stream soft-deleted by an operator, then appending to it is refused and verify reports it', async () => {
      const prefix = `deleted-${randomUUID()}-`;
      const store = hashChained(adapter());
      const stream = `${prefix}s`;
      await store.append(stream, testEvents(2));
      const operator = EventStoreDBClient.connectionString(connectionString().replace(/^(kurrentdb|kdb)/, 'esdb'));
      await operator.deleteStream(stream);
      await operator.dispose();

      await expect(store.append(stream, testEvents(1))).rejects.toBeInstanceOf(StreamDeletedError);
      expect(await verifyLog(viewOf(store, prefix))).toMatchObject({ intact: false, streamId: stream, reason: expect.stringMatching(/deleted/) });
    });

    it('given an `after` cursor that is no event position, then the audit page is a 400 naming after', async () => {
      const store = adapter();
      const { position } = await store.append(uniqueStream(), testEvents(1));

      await expect(readAuditEvents(store, { after: position + 1 })).rejects.toSatisfy(
        (error) => error instanceof BadRequestError && error.problems[0]?.field === 'after',
      );
    });
  });
});

const ESDB_PORT = 2113;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

interface ClusterNode {
  name: string;
  port: number;
  container: StartedTestContainer;
}

/** Three insecure in-memory nodes on one network; each advertises 127.0.0.1 and its fixed host port to clients. */
async function startCluster(network: StartedNetwork): Promise<ClusterNode[]> {
  const names = ['n1', 'n2', 'n3'];
  const ports = await Promise.all(names.map(() => freePort()));
  return Promise.all(
    names.map(async (name, i) => {
      const container = await new GenericContainer(ESDB_IMAGE)
        .withNetwork(network)
        .withNetworkAliases(name)
        .withExposedPorts({ container: ESDB_PORT, host: ports[i]! })
        .withEnvironment({
          EVENTSTORE_CLUSTER_SIZE: '3',
          EVENTSTORE_DISCOVER_VIA_DNS: 'false',
          EVENTSTORE_GOSSIP_SEED: names.filter((other) => other !== name).map((other) => `${other}:${ESDB_PORT}`).join(','),
          EVENTSTORE_INSECURE: 'true',
          EVENTSTORE_MEM_DB: 'true',
          EVENTSTORE_RUN_PROJECTIONS: 'None',
          EVENTSTORE_NODE_HOST_ADVERTISE_AS: name,
          EVENTSTORE_REPLICATION_HOST_ADVERTISE_AS: name,
          EVENTSTORE_ADVERTISE_HOST_TO_CLIENT_AS: '127.0.0.1',
          EVENTSTORE_ADVERTISE_NODE_PORT_TO_CLIENT_AS: String(ports[i]),
        })
        .withStartupTimeout(120_000)
        .start();
      return { name, port: ports[i]!, container };
    }),
  );
}

/** The node whose gossip says it is the live leader (asked of every node until one answers). */
async function leaderOf(nodes: ClusterNode[], timeoutMs = 90_000): Promise<ClusterNode> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const node of nodes) {
      try {
        const gossip = (await (await fetch(`http://127.0.0.1:${node.port}/gossip`)).json()) as { members: { state: string; isAlive: boolean; advertiseHttpPortToClientAs?: number; httpEndPointPort: number }[] };
        const leader = gossip.members.find((member) => member.state === 'Leader' && member.isAlive);
        const found = nodes.find((n) => n.port === leader?.advertiseHttpPortToClientAs);
        if (found) return found;
      } catch {
        // A node not yet up (or just killed): ask the next one.
      }
    }
    if (Date.now() > deadline) throw new Error('no leader within the timeout');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Appends a batch, retrying the same batch (same ids) while the cluster is unavailable, as a client would. */
async function appendRetrying(store: EventStore, stream: string, batch: EventToAppend[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await store.append(stream, batch);
      return;
    } catch (error) {
      if (!(error instanceof UnavailableError) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

const clusterAvailability = 'skipReason' in availability || availability.source === 'container'
  ? availability
  : { skipReason: 'ESDB_CONNECTION_STRING names one server; the leader-kill test starts its own three-node cluster and needs a container runtime' };

describeWithEsdb('EventStoreDB three-node cluster', clusterAvailability, () => {
  let network: StartedNetwork | undefined;
  let nodes: ClusterNode[] = [];

  beforeAll(async () => {
    network = await new Network().start();
    nodes = await startCluster(network);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.container.stop().catch(() => undefined)));
    await network?.stop();
  });

  it('given appends going on, when the leader is killed, then a new leader takes over, every batch is stored exactly once and the streams verify', async () => {
    const connectionString = `esdb://${nodes.map((node) => `127.0.0.1:${node.port}`).join(',')}?tls=false&nodePreference=leader`;
    await leaderOf(nodes);
    const store = hashChained(createEsdbEventStore(connectionString));
    const prefix = `failover-${randomUUID()}-`;
    const streams = [`${prefix}a`, `${prefix}b`, `${prefix}c`];
    const batches = Array.from({ length: 60 }, (_, n) => ({ stream: streams[n % 3]!, events: testEvents(2) }));
    try {
      let killed: Promise<unknown> | undefined;
      for (const [n, batch] of batches.entries()) {
        if (n === 20) killed = leaderOf(nodes).then((leader) => leader.container.stop({ remove: false }));
        await appendRetrying(store, batch.stream, batch.events);
      }
      await killed;

      for (const stream of streams) {
        const ids = (await store.readStream(stream)).map((event) => event.id);
        const expected = batches.filter((batch) => batch.stream === stream).flatMap((batch) => batch.events.map((event) => event.id));
        expect(ids).toEqual(expected);
      }
      expect(await verifyLog(viewOf(store, prefix))).toMatchObject({ intact: true, eventsChecked: 120 });
    } finally {
      await store.close();
    }
  }, 300_000);
});
