/**
 * The seed importer: appends the five source documents' facts to the store through the same
 * CommandService as the API, from the reviewed data in seeds/data/ (never re-parsing the
 * sources at start-up).
 *
 * Guarantees:
 * - idempotent: a command is issued only if its effect is absent. Every seed command uses
 *   its key as correlation id, so the importer reads the command's target stream and skips the
 *   command when an event of that stream carries the key (an org, or an objective, that
 *   already exists is also skipped). A second import appends nothing. Its key is also the
 *   idempotency key, so a command retried after a crash re-appends the same event ids.
 * - all-or-nothing per command, in the order of seeds/plan/plan-seed-commands.ts; the first
 *   command the service rejects stops the import with the command's key and the problems.
 * - store-agnostic: it sees only the CommandService and the EventStore port, so the embedded
 *   store and EventStoreDB end with the same read models.
 * - one expression of the seeds per store: a store seeded by the earlier importer (the five
 *   documents recorded as acts, recognised by that importer's keys) is left as it is and
 *   the import issues nothing, saying so in the log (`legacySeed` in the result). Issuing the
 *   re-expression on top would record the same facts twice, once as enacted and once as
 *   attested, and fail on the announced directorate that the earlier import established.
 */
import type { CommandService } from '../src/commands/command-types.ts';
import type { EventStore } from '../src/store/event-store.ts';
import { loadSeedData, type SeedData } from './load-seed-data.ts';
import { planSeedCommands } from './plan/plan-seed-commands.ts';
import type { SeedCommand } from './plan/seed-command.ts';

export interface ImportSeedsDeps {
  commands: CommandService;
  store: EventStore;
  log?: (line: string) => void;
  /** The seed data; default: seeds/data/ as committed. */
  data?: SeedData;
}

export interface ImportSeedsResult {
  commandsIssued: number;
  commandsSkipped: number;
  /** Set when the store holds seed events of the earlier importer: then nothing was issued. */
  legacySeed?: { stream: string; correlationId: string };
}

export async function importSeeds(deps: ImportSeedsDeps): Promise<ImportSeedsResult> {
  const log = deps.log ?? (() => {});
  const plan = planSeedCommands(deps.data ?? loadSeedData());
  const keysByStream = new Map<string, Set<string>>();
  const perDocument = new Map<string, { issued: number; skipped: number }>();

  const keysOf = async (stream: string): Promise<Set<string>> => {
    let keys = keysByStream.get(stream);
    if (!keys) {
      const events = await deps.store.readStream(stream);
      keys = new Set(events.map((e) => (e.metadata as { correlationId?: unknown } | null)?.correlationId).filter((k): k is string => typeof k === 'string'));
      keysByStream.set(stream, keys);
    }
    return keys;
  };

  const legacySeed = await findLegacySeed(keysOf, [...new Set(plan.filter((c) => c.kind === 'createOrg').map((c) => c.stream))]);
  if (legacySeed) {
    log(
      `seeds: not imported: ${legacySeed.stream} holds seed event ${legacySeed.correlationId} of the earlier importer (documents recorded as acts, no evidence); ` +
        'this store keeps that expression. Start on an empty data directory to get the seeds with their evidence.',
    );
    return { commandsIssued: 0, commandsSkipped: plan.length, legacySeed };
  }
  let commandsIssued = 0;
  let commandsSkipped = 0;
  for (const command of plan) {
    const group = command.key.split(':')[1] ?? 'other';
    const counts = perDocument.get(group) ?? { issued: 0, skipped: 0 };
    perDocument.set(group, counts);
    if (await alreadyApplied(command, deps.store, keysOf)) {
      commandsSkipped++;
      counts.skipped++;
      continue;
    }
    await issue(command, deps.commands);
    (await keysOf(command.stream)).add(command.key);
    commandsIssued++;
    counts.issued++;
  }
  for (const [group, counts] of perDocument) log(`seeds ${group}: ${counts.issued} commands issued, ${counts.skipped} already present`);
  return { commandsIssued, commandsSkipped };
}

async function alreadyApplied(command: SeedCommand, store: EventStore, keysOf: (stream: string) => Promise<Set<string>>): Promise<boolean> {
  if (command.kind === 'createOrg' || command.kind === 'defineObjective' || command.kind === 'registerSource') return (await store.streamRevision(command.stream)) !== null;
  return (await keysOf(command.stream)).has(command.key);
}

/**
 * Keys of the earlier importer's structure commands (documents as acts): the re-expression
 * never uses them, and every store that importer seeded has them.
 */
const LEGACY_SEED_KEYS = new Set(['seed:002:reorganization-2016', 'seed:001:structure-2020', 'seed:003:structure-2020']);

/** The first key of the earlier importer found in the orgs' streams, if any. */
async function findLegacySeed(keysOf: (stream: string) => Promise<Set<string>>, orgStreams: readonly string[]): Promise<ImportSeedsResult['legacySeed']> {
  for (const stream of orgStreams) {
    const keys = await keysOf(stream);
    for (const correlationId of LEGACY_SEED_KEYS) if (keys.has(correlationId)) return { stream, correlationId };
  }
  return undefined;
}

async function issue(command: SeedCommand, commands: CommandService): Promise<void> {
  try {
    switch (command.kind) {
      case 'createOrg':
        await commands.createOrg(command.input, command.ctx);
        return;
      case 'reorganize':
        await commands.reorganize(command.input, command.ctx);
        return;
      case 'defineObjective':
        await commands.defineObjective(command.input, command.ctx);
        return;
      case 'reviseObjective':
        await commands.reviseObjective(command.input, command.ctx);
        return;
      case 'registerSource':
        await commands.registerSource(command.input, command.ctx);
        return;
      case 'attest':
        await commands.attest(command.input, command.ctx);
        return;
    }
  } catch (error) {
    const problems = (error as { problems?: unknown }).problems;
    const detail = Array.isArray(problems) && problems.length > 0 ? ` ${JSON.stringify(problems)}` : '';
    throw new Error(`seed command ${command.key} was rejected: ${error instanceof Error ? error.message : String(error)}${detail}`, { cause: error });
  }
}
