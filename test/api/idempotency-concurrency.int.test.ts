/**
 * Idempotency-Key under concurrency: N identical commands with one key, issued in the same
 * instant (before any of them has appended), all get the first one's result and the command is
 * appended once. Checked on the command service itself, so that the N calls are certainly
 * concurrent (over HTTP, the first may finish before the last arrives).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReadModels } from '../../projections/read-models.ts';
import { createCommandService } from '../../src/commands/create-command-service.ts';
import type { CommandService, CommandContext } from '../../src/commands/command-types.ts';
import { Projector } from '../../src/read/projector.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';

describe('Idempotency-Key, concurrent identical commands', () => {
  let store: EventStore;
  let projector: Projector;
  let commands: CommandService;
  const editor: CommandContext = { recordedBy: 'editor' };

  beforeEach(async () => {
    store = await createSqliteEventStore({ file: ':memory:' });
    projector = new Projector(store, new ReadModels());
    await projector.start();
    commands = createCommandService({ store, projector, clock: () => new Date('2024-01-01T10:00:00Z') });
    await commands.createOrg({ orgId: 'milano', name: 'Comune di Milano' }, editor);
    await commands.reorganize({ orgId: 'milano', act: { id: 'D1' }, effectiveFrom: '2024-01-01', changes: [{ op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' }] }, editor);
  });
  afterEach(async () => {
    await projector.stop();
    await store.close();
  });

  it('given 20 identical reorganisations issued at once with one key, then every one gets the original result and one is appended', async () => {
    const cmd = { orgId: 'milano', act: { id: 'D2' }, effectiveFrom: '2024-02-01', changes: [{ op: 'establish' as const, unitId: 'area-1', name: 'Area 1', kind: 'area', parentId: 'dg' }] };
    const head = await store.headPosition();
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => commands.reorganize(cmd, { ...editor, idempotencyKey: 'tk\u0000reorg-1' })));
    const results = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message));
    expect(results).toEqual(Array(20).fill(results[0]));
    expect(await store.headPosition()).toBe(head + 1);
  });

  it('given 20 identical org registrations issued at once with one key, then none is answered 409', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => commands.createOrg({ orgId: 'roma', name: 'Roma Capitale' }, { ...editor, idempotencyKey: 'tk\u0000org-roma' })));
    expect(outcomes.map((o) => o.status)).toEqual(Array(20).fill('fulfilled'));
  });
});
