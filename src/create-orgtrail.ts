/**
 * Composition root: store (embedded or EventStoreDB, by configuration) → read models fed
 * by the projector → command service → Express app. Started by src/main.ts; tests build
 * it the same way.
 */
import type express from 'express';
import { ReadModels } from '../projections/read-models.ts';
import { importSeeds } from '../seeds/import.ts';
import { createCommandService } from './commands/create-command-service.ts';
import type { CommandService } from './commands/command-types.ts';
import type { Config } from './config.ts';
import { buildApp } from './http/app.ts';
import { Projector } from './read/projector.ts';
import { createEventStore } from './store/create-event-store.ts';
import type { EventStore } from './store/event-store.ts';

export interface Orgtrail {
  store: EventStore;
  projector: Projector;
  commands: CommandService;
  app: express.Express;
  /** Stops the projector and closes the store (after pending appends are durable). */
  close(): Promise<void>;
}

export interface OrgtrailOptions {
  /** "Now" for defaults (today's `at`, now's `asKnownAt`); tests pass a manual clock. */
  clock?: () => Date;
  log?: (line: string) => void;
  /** An already open store (tests); default: the adapter the configuration names. */
  store?: EventStore;
}

export async function createOrgtrail(config: Config, options: OrgtrailOptions = {}): Promise<Orgtrail> {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? (() => {});
  const store = options.store ?? (await createEventStore(config));
  const projector = new Projector(store, new ReadModels());
  await projector.start();
  const commands = createCommandService({ store, projector, clock });
  if (config.seed === 'auto') {
    const { commandsIssued, commandsSkipped } = await importSeeds({ commands, store, log });
    log(`seeds: ${commandsIssued} commands imported, ${commandsSkipped} already present`);
  }
  const app = buildApp({ store, projector, commands, clock });
  return {
    store,
    projector,
    commands,
    app,
    async close() {
      await projector.stop();
      await store.close();
    },
  };
}
