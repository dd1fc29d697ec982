/**
 * An orgtrail instance over EventStoreDB, built by the composition root and served on an
 * ephemeral port of 127.0.0.1: several of them on one server are the scale-out setup.
 */
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../../src/config.ts';
import { createOrgtrail, type Orgtrail } from '../../src/create-orgtrail.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { createEsdbEventStore } from '../../src/store/eventstoredb/esdb-event-store.ts';
import { TEST_ADMIN_TOKEN } from '../support/start-test-app.ts';

export interface EsdbInstance {
  url: string;
  adminToken: string;
  orgtrail: Orgtrail;
  close(): Promise<void>;
}

/** `wrap` lets a test stand between the instance and its connection (e.g. a lagging view). */
export async function startEsdbInstance(connectionString: string, wrap: (store: EventStore) => EventStore = (store) => store): Promise<EsdbInstance> {
  const config = parseConfig({ ESDB_CONNECTION_STRING: connectionString, ORGTRAIL_SEED: 'none', ORGTRAIL_ADMIN_TOKEN: TEST_ADMIN_TOKEN });
  const orgtrail = await createOrgtrail(config, { store: wrap(createEsdbEventStore(connectionString)) });
  const server = await new Promise<ReturnType<typeof orgtrail.app.listen>>((resolve, reject) => {
    const s = orgtrail.app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    adminToken: TEST_ADMIN_TOKEN,
    orgtrail,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await orgtrail.close();
    },
  };
}
