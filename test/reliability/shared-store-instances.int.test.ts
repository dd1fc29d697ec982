/**
 * Scale-out logic without EventStoreDB: two app instances (two projectors, two command
 * services) built by the composition root over ONE embedded store object; instance B's
 * projector is made to lag. A command B decides on its stale view must fail the
 * expected-revision check and be decided again on the caught-up view — never lost, never
 * duplicated, and refused (appending nothing) if it is no longer valid; with If-Match, 412.
 * (The same against a real EventStoreDB cluster: eventstoredb-scale-out.int.test.ts.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandService } from '../../src/commands/command-types.ts';
import { parseConfig } from '../../src/config.ts';
import { createOrgtrail, type Orgtrail } from '../../src/create-orgtrail.ts';
import { PreconditionFailedError, UnprocessableError } from '../../src/errors.ts';
import { createSqliteEventStore, type SqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import { laggingStore, type LaggingStore } from './lagging-projector.ts';

const ctx = { recordedBy: 'test' };
const establish = (unitId: string, parentId: string | null = 'dg') => ({
  orgId: 'milano',
  act: { id: `A-${unitId}` },
  effectiveFrom: '2020-01-01',
  changes: [{ op: 'establish' as const, unitId, name: unitId.toUpperCase(), kind: 'servizio', parentId }],
});

describe('two instances on one store, one of them lagging', () => {
  let store: SqliteEventStore;
  let a: Orgtrail;
  let b: Orgtrail;
  let lagging: LaggingStore;

  beforeEach(async () => {
    store = await createSqliteEventStore({ file: ':memory:' });
    const config = parseConfig({ ORGTRAIL_SEED: 'none' });
    a = await createOrgtrail(config, { store });
    lagging = laggingStore(store);
    b = await createOrgtrail(config, { store: lagging.store });
    await a.commands.createOrg({ orgId: 'milano', name: 'Comune di Milano' }, ctx);
    await a.commands.reorganize(establish('dg', null), ctx);
    await b.projector.catchUp();
    lagging.pause();
  });
  afterEach(async () => {
    lagging.resume();
    await b.projector.stop();
    await a.close();
  });

  /**
   * Issues the command on B while B lags; once B has lost the race and tries to catch up (or
   * has answered), lets B's projector go on. Returns the outcome and what B did meanwhile.
   */
  async function onLaggingB<T>(command: (commands: CommandService) => Promise<T>): Promise<{ outcome: PromiseSettledResult<T>; calls: string[] }> {
    const from = lagging.calls.length;
    let settled = false;
    const outcome = Promise.allSettled([command(b.commands)]).finally(() => (settled = true));
    while (!settled && !lagging.calls.slice(from).includes('headPosition')) await new Promise((resolve) => setTimeout(resolve, 5));
    lagging.resume();
    return { outcome: (await outcome)[0]!, calls: lagging.calls.slice(from) };
  }

  it('a command decided on the stale view is refused by the store, decided again and applied once', async () => {
    await a.commands.reorganize(establish('a1'), ctx);

    const { outcome, calls } = await onLaggingB((commands) => commands.reorganize(establish('b1'), ctx));

    expect(outcome.status).toBe('fulfilled');
    // The stale decision was refused (expected revision), B caught up, decided again, appended once.
    expect(calls).toEqual(['append rejected', 'headPosition', 'append ok']);
    const log = await store.readAll();
    expect(log.filter((e) => e.type === 'UnitEstablished').map((e) => (e.data as { unitId: string }).unitId)).toEqual(['dg', 'a1', 'b1']);
    await b.projector.catchUp();
    for (const instance of [a, b]) {
      expect(instance.projector.models.org('milano')!.chart.orgChart({ at: '2020-06-01', maxPosition: log.at(-1)!.position }).map((u) => u.unitId)).toEqual(['dg', 'a1', 'b1']);
    }
  });

  it('a command valid only on the stale view is decided again and refused, appending nothing', async () => {
    await a.commands.reorganize({ orgId: 'milano', act: { id: 'D' }, effectiveFrom: '2020-01-01', changes: [{ op: 'dissolve', unitId: 'dg' }] }, ctx);
    const head = await store.headPosition();

    const { outcome, calls } = await onLaggingB((commands) => commands.reorganize(establish('b1'), ctx));

    expect(outcome.status).toBe('rejected');
    expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(UnprocessableError);
    expect(calls).toEqual(['append rejected', 'headPosition']);
    expect(await store.headPosition()).toBe(head);
  });

  it('with If-Match of the stale view, the lost race is a 412 and nothing is appended', async () => {
    const staleRevision = b.projector.models.streamRevision('org-milano')!;
    await a.commands.reorganize(establish('a1'), ctx);
    const head = await store.headPosition();

    const { outcome, calls } = await onLaggingB((commands) => commands.reorganize(establish('b1'), { ...ctx, expectedRevision: staleRevision }));

    expect(outcome.status).toBe('rejected');
    expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(PreconditionFailedError);
    expect(calls).toEqual(['append rejected']);
    expect(await store.headPosition()).toBe(head);
  });
});
