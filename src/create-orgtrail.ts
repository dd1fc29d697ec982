/**
 * Composition root: store (embedded or EventStoreDB, by configuration) → read models fed
 * by the projector → command service → Express app. Started by src/main.ts; tests build
 * it the same way.
 */
import type express from 'express';
import { ReadModels } from '../projections/read-models.ts';
import { Checkpointer } from './audit/checkpointer.ts';
import { hashChained } from './audit/hash-chained-store.ts';
import { importSeeds } from '../seeds/import.ts';
import { createCommandService } from './commands/create-command-service.ts';
import type { CommandService } from './commands/command-types.ts';
import { createTokenService } from './auth/token-service.ts';
import type { Config } from './config.ts';
import { buildApp } from './http/app.ts';
import { LiveHub } from './live/live-hub.ts';
import { Projector } from './read/projector.ts';
import { createEventStore } from './store/create-event-store.ts';
import type { EventStore } from './store/event-store.ts';

export interface Orgtrail {
  store: EventStore;
  projector: Projector;
  commands: CommandService;
  app: express.Express;
  /** Live views and their SSE sessions (src/live/). */
  live: LiveHub;
  /** Records integrity checkpoints (src/audit/checkpointer.ts). */
  checkpointer: Checkpointer;
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
  // Every append, of every service, is hash-chained (src/audit/hash-chained-store.ts).
  const store = hashChained(options.store ?? (await createEventStore(config, log)));
  const projector = new Projector(store, new ReadModels());
  try {
    await projector.start();
  } catch (error) {
    // An unreadable event stops the start-up (projector.ts): free the store (and its lock) on the way out.
    await projector.stop().catch(() => undefined);
    await store.close();
    throw error;
  }
  // The checkpointer folds what its checkpoints do not cover in the background: on a fresh copy that is the whole log.
  const checkpointer = new Checkpointer({ store, everyEvents: config.audit.checkpointEveryEvents, intervalMs: config.audit.checkpointIntervalMs, log, catchUpInBackground: true });
  await checkpointer.start();
  const commands = createCommandService({ store, projector, clock, limits: config.structure });
  if (config.seed === 'auto') {
    const { commandsIssued, commandsSkipped } = await importSeeds({ commands, store, log });
    log(`seeds: ${commandsIssued} commands imported, ${commandsSkipped} already present`);
  }
  const tokens = createTokenService({ store, adminToken: config.adminToken });
  const live = new LiveHub(projector, clock, config.live);
  const app = buildApp({ store, projector, commands, clock, tokens, security: config.security, live, limits: config.structure });
  return {
    store,
    projector,
    commands,
    app,
    live,
    checkpointer,
    async close() {
      await checkpointer.stop();
      live.close();
      await projector.stop();
      await store.close();
    },
  };
}
