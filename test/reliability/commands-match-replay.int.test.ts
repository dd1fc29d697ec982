/**
 * Property: for any sequence of commands, valid or not, issued through the command service
 * built by the composition root over an in-memory embedded store,
 *   - a rejected command (any AppError below 500) appends nothing: the head does not move;
 *   - an accepted one appends, and its result names the new head;
 *   - the live read models answer exactly like new read models fed with a replay of the log,
 *     at several (at, maxPosition) cuts;
 *   - nothing else escapes (no 5xx error, no plain Error: that would be a bug).
 * A smaller run sends the same kind of sequences over HTTP (auth, schemas, routes included).
 * FC_NUM_RUNS / FC_HTTP_NUM_RUNS raise the number of random sequences (defaults keep `npm test` fast).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { createOrgtrail } from '../../src/create-orgtrail.ts';
import { AppError } from '../../src/errors.ts';
import type { Projector } from '../../src/read/projector.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { apiClient } from '../api/api-client.ts';
import { manualClock, startTestApp } from '../support/start-test-app.ts';
import { commandSequence, type RandomCommand, type SequenceCommands } from './command-arbitraries.ts';
import { httpCommandService } from './http-command-service.ts';
import { cutPositions, readModelAnswers, replayLog } from './read-model-answers.ts';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 100);
const HTTP_NUM_RUNS = Number(process.env.FC_HTTP_NUM_RUNS ?? 15);
const MAX_COMMANDS = 25;
const START = Date.parse('2025-01-01T08:00:00.000Z');

interface Outcomes {
  accepted: number;
  rejected: number;
}

/** Issues the sequence one command at a time (one second apart), checking the property after each. */
async function checkSequence(
  sequence: RandomCommand[],
  target: { commands: SequenceCommands; store: EventStore; projector: Projector; setTime(iso: string): void },
  outcomes: Outcomes,
): Promise<void> {
  for (const [index, command] of sequence.entries()) {
    target.setTime(new Date(START + index * 1000).toISOString());
    const before = await target.store.headPosition();
    let rejected: AppError | undefined;
    try {
      const result = await command.run(target.commands, { recordedBy: 'property-test' });
      expect(result.position).toBe(await target.store.headPosition());
      expect(result.position).toBeGreaterThan(before);
      if (!command.setup) outcomes.accepted += 1;
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      rejected = error;
      if (!command.setup) outcomes.rejected += 1;
    }
    const head = await target.store.headPosition();
    if (rejected) expect(head, `${command.label} was rejected (${rejected.message}) but appended`).toBe(before);
    await target.projector.waitForPosition(head);
    const cuts = cutPositions(head);
    expect(readModelAnswers(target.projector.models, cuts), `after ${command.label}`).toEqual(readModelAnswers(await replayLog(target.store), cuts));
  }
}

describe('random command sequences', () => {
  it(`through the command service: rejected ones append nothing, the read models equal a replay (${NUM_RUNS} sequences)`, async () => {
    const outcomes = { accepted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(commandSequence(MAX_COMMANDS), async (sequence) => {
        const time = manualClock(new Date(START).toISOString());
        const store = await createSqliteEventStore({ file: ':memory:', clock: time.clock });
        const orgtrail = await createOrgtrail(parseConfig({ ORGTRAIL_SEED: 'none' }), { store, clock: time.clock });
        try {
          await checkSequence(sequence, { commands: orgtrail.commands, store: orgtrail.store, projector: orgtrail.projector, setTime: time.set }, outcomes);
        } finally {
          await orgtrail.close();
        }
      }),
      { numRuns: NUM_RUNS },
    );
    // The generators must exercise both paths often, or the property says little.
    expect(outcomes.accepted).toBeGreaterThan(NUM_RUNS / 2);
    expect(outcomes.rejected).toBeGreaterThan(NUM_RUNS);
  }, 300_000);

  it(`over HTTP: never a 5xx, rejected ones append nothing, the read models equal a replay (${HTTP_NUM_RUNS} sequences)`, async () => {
    const outcomes = { accepted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(commandSequence(MAX_COMMANDS), async (sequence) => {
        const time = manualClock(new Date(START).toISOString());
        const app = await startTestApp({ clock: time.clock });
        try {
          const commands = httpCommandService(apiClient(app.url, { token: app.adminToken }));
          await checkSequence(sequence, { commands, store: app.store, projector: app.projector, setTime: time.set }, outcomes);
        } finally {
          await app.close();
        }
      }),
      { numRuns: HTTP_NUM_RUNS },
    );
    expect(outcomes.accepted).toBeGreaterThan(HTTP_NUM_RUNS / 2);
    expect(outcomes.rejected).toBeGreaterThan(HTTP_NUM_RUNS);
  }, 300_000);
});
