/**
 * The event store contract against EventStoreDB: the server named by ESDB_CONNECTION_STRING,
 * else a container of ESDB_IMAGE (testcontainers). With neither, the suite is registered as
 * skipped with the reason in its title, and the reason is printed: never failed, never absent.
 *
 * Every test gets its own client (a new adapter instance) on the one shared server; the
 * contract writes only to streams of its own and never assumes the store is empty.
 */
import { afterAll, beforeAll } from 'vitest';
import { createEsdbEventStore } from '../../src/store/eventstoredb/esdb-event-store.ts';
import { describeWithEsdb, detectEsdb, type EsdbServer } from '../support/esdb-availability.ts';
import { describeEventStoreContract } from './event-store.contract.ts';

const availability = await detectEsdb();

describeWithEsdb('EventStoreDB adapter', availability, (esdb) => {
  let server: EsdbServer | undefined;

  beforeAll(async () => {
    server = await esdb.start();
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
  });

  describeEventStoreContract('eventstoredb', async () => {
    if (server === undefined) throw new Error('EventStoreDB did not start (see the beforeAll error)');
    return createEsdbEventStore(server.connectionString);
  });
});
