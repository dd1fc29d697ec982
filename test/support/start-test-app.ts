/**
 * Starts the real HTTP app on an ephemeral port over a fresh embedded store, wired like the
 * composition root (src/create-orgtrail.ts): read models fed by the projector → command
 * service → Express app. Use `clock` to control both "now" and the store's recordedAt.
 */
import type { AddressInfo } from 'node:net';
import { ReadModels } from '../../projections/read-models.ts';
import { createCommandService } from '../../src/commands/create-command-service.ts';
import { buildApp } from '../../src/http/app.ts';
import { Projector } from '../../src/read/projector.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';

export interface TestAppOptions {
  /** Data directory of the embedded store; default: an in-memory store. */
  dataDir?: string;
  /** "Now" for the app and recordedAt for the store; default: the system clock. */
  clock?: () => Date;
}

export interface TestApp {
  url: string;
  store: EventStore;
  projector: Projector;
  close(): Promise<void>;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? (() => new Date());
  const store = await createSqliteEventStore(options.dataDir !== undefined ? { dataDir: options.dataDir, clock } : { file: ':memory:', clock });
  const models = new ReadModels();
  const projector = new Projector(store, models);
  await projector.start();
  const commands = createCommandService({ store, projector, clock });
  const app = buildApp({ store, projector, commands, clock });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    projector,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await projector.stop();
      await store.close();
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
