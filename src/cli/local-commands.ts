/**
 * The commands that work on the store itself, in local mode only: `import` (the seed
 * documents, through the command service, idempotent), `rebuild` (the read models from the
 * whole log, timed) and the local half of `verify`. Long runs show progress on stderr.
 */
import { ReadModels } from '../../projections/read-models.ts';
import { importSeeds } from '../../seeds/import.ts';
import { loadSeedData } from '../../seeds/load-seed-data.ts';
import { planSeedCommands } from '../../seeds/plan/plan-seed-commands.ts';
import type { CommandService } from '../commands/command-types.ts';
import { Projector } from '../read/projector.ts';
import { localConfig, openLocal, openLocalStore } from './connect.ts';
import type { Messages } from './messages.ts';
import { createProgress } from './progress.ts';

export interface ImportSummary {
  commandsIssued: number;
  commandsSkipped: number;
  position: number;
}

/** Counts every call the importer makes to the command service, as it resolves. */
function countingCommands(commands: CommandService, onCall: () => void): CommandService {
  return new Proxy(commands, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } finally {
          onCall();
        }
      };
    },
  });
}

export async function importLocal(dataDir: string | undefined, m: Messages): Promise<ImportSummary> {
  const local = await openLocal({ dataDir, createStore: true, m });
  try {
    const data = loadSeedData();
    const progress = createProgress('import', planSeedCommands(data).length);
    let issued = 0;
    const commands = countingCommands(local.commands, () => progress.update(++issued));
    const result = await importSeeds({ commands, store: local.store, data });
    progress.finish(result.commandsIssued + result.commandsSkipped);
    return { ...result, position: await local.store.headPosition() };
  } finally {
    await local.close();
  }
}

export interface RebuildSummary {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  orgs: number;
  position: number;
}

/** Builds fresh read models from the whole log through the projector (the service's own start-up path). */
export async function rebuildLocal(dataDir: string | undefined, m: Messages): Promise<RebuildSummary> {
  const store = await openLocalStore(localConfig(process.env, dataDir), { m });
  try {
    const head = await store.headPosition();
    const models = new ReadModels();
    const projector = new Projector(store, models);
    // Embedded positions count events from 1; EventStoreDB positions are offsets (total unknown).
    const progress = createProgress('rebuild', store.kind === 'embedded' ? head : undefined);
    let events = 0;
    projector.applied$.subscribe(() => progress.update(++events));
    const started = performance.now();
    await projector.start();
    const seconds = (performance.now() - started) / 1000;
    progress.finish(events);
    await projector.stop();
    return { events, seconds, eventsPerSecond: Math.round(events / Math.max(seconds, 1e-6)), orgs: models.orgList().length, position: models.position };
  } finally {
    await store.close();
  }
}
