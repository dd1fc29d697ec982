/**
 * Where tests find an EventStoreDB: ESDB_CONNECTION_STRING if set, else a throwaway
 * single-node container of ESDB_IMAGE started with testcontainers if a container runtime
 * answers, else nowhere, with the reason, so that a test file can register a skipped suite
 * that says why instead of failing or silently vanishing.
 *
 * Detection is cheap and meant for load time (top-level await); starting the container is
 * meant for beforeAll.
 */
import { EventStoreDBClient } from '@eventstore/db-client';
import { GenericContainer, Wait, getContainerRuntimeClient } from 'testcontainers';
import { describe } from 'vitest';
import { ESDB_IMAGE } from '../../src/store/eventstoredb/esdb-image.ts';

export interface EsdbServer {
  connectionString: string;
  /** Stops the container, if one was started for the tests; a no-op for an external server. */
  stop(): Promise<void>;
}

export interface AvailableEsdb {
  source: 'env' | 'container';
  description: string;
  start(): Promise<EsdbServer>;
}

export type EsdbAvailability = AvailableEsdb | { skipReason: string };

/**
 * Registers an EventStoreDB suite: run where EventStoreDB is available; otherwise registered
 * as skipped (describe.skipIf) with the reason in its title and printed on stderr, so it is
 * reported, never silently absent. `suite` registers the tests either way; its hooks and tests
 * only run when EventStoreDB is there.
 */
export function describeWithEsdb(title: string, availability: EsdbAvailability, suite: (esdb: AvailableEsdb) => void, skipNote = ''): void {
  if ('skipReason' in availability) {
    const skipped = `${title} — skipped: ${availability.skipReason}${skipNote}`;
    console.warn(skipped);
    describe.skipIf(true)(skipped, () => suite(unavailable(availability.skipReason)));
    return;
  }
  describe(`${title} (${availability.description})`, () => suite(availability));
}

/** Stands in for a server in a skipped suite: its hooks never run, so start is never called. */
function unavailable(skipReason: string): AvailableEsdb {
  return { source: 'env', description: 'unavailable', start: () => Promise.reject(new Error(skipReason)) };
}

const ESDB_PORT = 2113;
const READY_TIMEOUT_MS = 60_000;

/** Decides where EventStoreDB comes from, without starting anything. */
export async function detectEsdb(env: NodeJS.ProcessEnv = process.env): Promise<EsdbAvailability> {
  const connectionString = env.ESDB_CONNECTION_STRING?.trim();
  if (connectionString) {
    return {
      source: 'env',
      description: 'ESDB_CONNECTION_STRING',
      start: async () => ({ connectionString, stop: async () => undefined }),
    };
  }
  try {
    await getContainerRuntimeClient();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { skipReason: `no Docker engine answered (${detail}) and ESDB_CONNECTION_STRING is not set` };
  }
  return { source: 'container', description: ESDB_IMAGE, start: startEsdbContainer };
}

/** detectEsdb, then start: a server to use, or why there is none. */
export async function resolveEsdb(env: NodeJS.ProcessEnv = process.env): Promise<EsdbServer | { skipReason: string }> {
  const availability = await detectEsdb(env);
  return 'skipReason' in availability ? availability : availability.start();
}

/** A single insecure in-memory node; resolves once it serves gRPC reads. */
export async function startEsdbContainer(): Promise<EsdbServer> {
  const container = await new GenericContainer(ESDB_IMAGE)
    .withExposedPorts(ESDB_PORT)
    .withEnvironment({
      EVENTSTORE_CLUSTER_SIZE: '1',
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_MEM_DB: 'true',
      EVENTSTORE_RUN_PROJECTIONS: 'None',
    })
    .withWaitStrategy(Wait.forHttp('/health/live', ESDB_PORT).forStatusCodeMatching((status) => status >= 200 && status < 300))
    .withStartupTimeout(120_000)
    .start();
  const connectionString = `esdb://${container.getHost()}:${container.getMappedPort(ESDB_PORT)}?tls=false`;
  const server = { connectionString, stop: async () => void (await container.stop()) };
  try {
    await waitUntilServing(connectionString);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** /health/live answers before the node has become leader; a read of $all proves it serves. */
async function waitUntilServing(connectionString: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    for (;;) {
      try {
        for await (const event of client.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 })) void event;
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`EventStoreDB at ${connectionString} did not serve reads within ${READY_TIMEOUT_MS} ms`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  } finally {
    await client.dispose();
  }
}
