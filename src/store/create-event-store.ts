/** Picks the adapter: EventStoreDB when a connection string is configured, else the embedded store. */
import type { Config } from '../config.ts';
import { createSqliteEventStore } from './embedded/sqlite-event-store.ts';
import type { EventStore } from './event-store.ts';
import { createEsdbEventStore } from './eventstoredb/esdb-event-store.ts';

export async function createEventStore(config: Pick<Config, 'dataDir' | 'esdbConnectionString'>, log?: (line: string) => void): Promise<EventStore> {
  if (config.esdbConnectionString) return createEsdbEventStore(config.esdbConnectionString);
  return createSqliteEventStore({ dataDir: config.dataDir, ...(log ? { log } : {}) });
}
