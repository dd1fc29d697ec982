/**
 * Integrity checkpoints stay under a size bound by design (by default half of EventStoreDB's
 * 1 MiB append limit, which a full checkpoint of every stream's head passes at some 8-10k
 * streams): the checkpointer records a delta early once the changed streams fill half the bound,
 * replaces a full checkpoint that would not fit by a delta, and proposes none (saying why) when
 * there is no checkpoint for a delta to follow. Shown here with a bound of a few kB.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointChain } from '../../src/audit/checkpoint-chain.ts';
import { Checkpointer } from '../../src/audit/checkpointer.ts';
import { LogFold } from '../../src/audit/log-fold.ts';
import { hashChained } from '../../src/audit/hash-chained-store.ts';
import { verifyLog } from '../../src/audit/verify-log.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore, RecordedEvent } from '../../src/store/event-store.ts';
import { testEvent } from '../contract/contract-fixtures.ts';

const MAX_BYTES = 4_000;

describe('checkpoint size bound', () => {
  let store: EventStore;
  let checkpointer: Checkpointer | undefined;
  afterEach(async () => {
    await checkpointer?.stop();
    await store.close();
  });

  it('given appends to ever more streams, then every checkpoint stays within the bound, fulls give way to deltas, and the log verifies', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    checkpointer = new Checkpointer({ store, everyEvents: 10_000, intervalMs: 0, maxCheckpointBytes: MAX_BYTES });
    await checkpointer.start();

    for (let n = 0; n < 200; n += 1) {
      await store.append(`stream-${n}`, [testEvent({ n })]);
      await checkpointer.settled();
    }

    const stored = await store.readStream('audit-checkpoints');
    const kinds = stored.map((e) => (e.data as { kind: string }).kind);
    expect(stored.length).toBeGreaterThan(3);
    for (const event of stored) expect(JSON.stringify(event.data).length).toBeLessThanOrEqual(MAX_BYTES);
    expect(kinds[0]).toBe('full');
    expect(kinds.slice(-3)).toEqual(['delta', 'delta', 'delta']);
    expect(await verifyLog(store)).toMatchObject({ intact: true, checkpointsChecked: stored.length });
  });

  it('given no checkpoint to follow and more streams than a full checkpoint may list, then none is proposed, with the reason', async () => {
    store = await createSqliteEventStore({ file: ':memory:' });
    const fold = new LogFold();
    const chain = new CheckpointChain();
    for (let n = 0; n < 100; n += 1) {
      await store.append(`stream-${n}`, [testEvent({ n })]);
      const [event] = (await store.readStream(`stream-${n}`)) as [RecordedEvent];
      fold.apply(event);
      chain.noteEvent(event.streamId, event.position);
    }

    const next = chain.next(fold, MAX_BYTES);

    expect(next).toEqual({ tooLarge: expect.stringMatching(/a full checkpoint of 100 streams .* exceeds 4000 bytes and there is no earlier checkpoint/) });
    expect(chain.next(fold, 1_000_000)).toMatchObject({ kind: 'full', streamCount: 100 });
  });
});
