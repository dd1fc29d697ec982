/**
 * A command waits for the read models to apply what it appended, but not for ever: when the
 * projector's subscription stops delivering right after the append (an outage, a failover), the
 * command is answered after the wait bound with what was appended and a `readModel` note, and
 * the events are stored all the same.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReadModels } from '../../projections/read-models.ts';
import type { CommandContext, CommandService } from '../../src/commands/command-types.ts';
import { createCommandService } from '../../src/commands/create-command-service.ts';
import { Projector } from '../../src/read/projector.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { laggingStore, type LaggingStore } from '../reliability/lagging-projector.ts';

describe('bounded wait for the projector after a command', () => {
  let shared: EventStore;
  let lagging: LaggingStore;
  let projector: Projector;
  let commands: CommandService;
  const editor: CommandContext = { recordedBy: 'editor' };

  beforeEach(async () => {
    shared = await createSqliteEventStore({ file: ':memory:' });
    lagging = laggingStore(shared);
    projector = new Projector(lagging.store, new ReadModels());
    await projector.start();
    commands = createCommandService({ store: lagging.store, projector, clock: () => new Date('2024-01-01T10:00:00Z'), projectorWaitMs: 150 });
    await commands.createOrg({ orgId: 'milano', name: 'Comune di Milano' }, editor);
  });

  afterEach(async () => {
    lagging.resume();
    await projector.stop();
    await shared.close();
  });

  it('given a projector that has caught up, when a command is issued, then its answer carries no readModel note', async () => {
    const result = await commands.reorganize({ orgId: 'milano', act: { id: 'D1' }, effectiveFrom: '2024-01-01', changes: [{ op: 'establish', unitId: 'dg', name: 'DG', kind: 'direzione' }] }, editor);

    expect(result).not.toHaveProperty('readModel');
    expect(projector.models.position).toBeGreaterThanOrEqual(result.position);
  });

  it('given a subscription that stops delivering, when a command is issued, then it is answered after the bound with the appended events and a note, and the events are stored', async () => {
    lagging.pause();
    const before = projector.models.position;

    const result = await commands.reorganize({ orgId: 'milano', act: { id: 'D1' }, effectiveFrom: '2024-01-01', changes: [{ op: 'establish', unitId: 'dg', name: 'DG', kind: 'direzione' }] }, editor);

    expect(result.readModel).toEqual({ caughtUp: false, appliedPosition: before, note: expect.stringMatching(/stored at position \d+.*may not show it yet/) });
    expect(result.eventIds).toHaveLength(1);
    expect((await shared.readStream('org-milano')).map((e) => e.id)).toContain(result.eventIds[0]);
    lagging.resume();
    await projector.waitForPosition(result.position);
  });
});
