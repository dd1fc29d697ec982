/**
 * Starts the real HTTP app on an ephemeral port over a fresh embedded store, built by the
 * composition root (src/create-orgtrail.ts) exactly as `npm start` builds it, minus the seeds.
 * Use `clock` to control both "now" and the store's recordedAt.
 */
import type { AddressInfo } from 'node:net';
import { parseConfig, type Config } from '../../src/config.ts';
import { createOrgtrail } from '../../src/create-orgtrail.ts';
import type { Projector } from '../../src/read/projector.ts';
import { createSqliteEventStore, type SqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789abcdef';

export interface TestAppOptions {
  /** Data directory of the embedded store; default: an in-memory store. */
  dataDir?: string;
  /** "Now" for the app and recordedAt for the store; default: the system clock. */
  clock?: () => Date;
  /** Extra environment variables, parsed like the real configuration (e.g. ORGTRAIL_RATE_LIMIT). */
  env?: Record<string, string>;
}

export interface TestApp {
  url: string;
  store: EventStore;
  /** The embedded store under `store` (which hash-chains its appends), for fault injection. */
  embedded: SqliteEventStore;
  projector: Projector;
  config: Config;
  /** The bootstrap admin token the app was started with (send it as `Authorization: Bearer`). */
  adminToken: string;
  close(): Promise<void>;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? (() => new Date());
  const config = parseConfig({ ORGTRAIL_SEED: 'none', ORGTRAIL_ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...options.env });
  const store = await createSqliteEventStore(options.dataDir !== undefined ? { dataDir: options.dataDir, clock } : { file: ':memory:', clock });
  const orgtrail = await createOrgtrail(config, { clock, store });
  const server = await new Promise<ReturnType<typeof orgtrail.app.listen>>((resolve, reject) => {
    const s = orgtrail.app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store: orgtrail.store,
    embedded: store,
    projector: orgtrail.projector,
    config,
    adminToken: config.adminToken ?? TEST_ADMIN_TOKEN,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await orgtrail.close();
    },
  };
}

/** A clock standing still until moved: recordedAt and "now" become known by hand. */
export function manualClock(start: string) {
  let now = new Date(start);
  return {
    clock: () => new Date(now),
    set(instant: string) {
      now = new Date(instant);
    },
  };
}
