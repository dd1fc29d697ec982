/**
 * hashChained keeps the event store contract on both of its paths: the embedded store chaining
 * inside its own write transaction, and the decorator used for stores that cannot (EventStoreDB;
 * here played by the embedded store seen only through the port). The whole contract suite runs
 * on each (reads seen without the added `integrity` member), and every event stored is chained.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashChained, storeWithAppend } from '../../src/audit/hash-chained-store.ts';
import { verifyLog } from '../../src/audit/verify-log.ts';
import { createSqliteEventStore, type SqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { testEvent, testEvents } from '../contract/contract-fixtures.ts';
import { describeEventStoreContract } from '../contract/event-store.contract.ts';
import { hidingIntegrity } from './hiding-integrity.ts';

/** The store through the port only: without `appendChained`, so hashChained decorates it. */
function portOnly(store: EventStore): EventStore {
  return storeWithAppend(store, (streamId, events, options) => store.append(streamId, events, options));
}

const paths: [string, (inner: SqliteEventStore) => EventStore][] = [
  ['chained in the embedded store\'s transaction', (inner) => hashChained(inner)],
  ['decorator over a store that cannot chain itself', (inner) => hashChained(portOnly(inner))],
];

const dirs = new Map<EventStore, string>();

for (const [path, chain] of paths) {
  describeEventStoreContract(
    `hash-chained embedded (SQLite), ${path}`,
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'orgtrail-chained-'));
      const store = hidingIntegrity(chain(await createSqliteEventStore({ dataDir })));
      dirs.set(store, dataDir);
      return store;
    },
    async (store) => {
      await rm(dirs.get(store) ?? '', { recursive: true, force: true });
      dirs.delete(store);
    },
  );
}

describe.each(paths)('hash-chained store, %s', (_, chain) => {
  let store: EventStore;
  afterEach(() => store.close());

  it('given appends, retries and races on several streams, then every event carries a hash chained to its predecessor and the log verifies', async () => {
    store = chain(await createSqliteEventStore({ file: ':memory:' }));
    const batch = testEvents(2);
    await store.append('a', batch, { expectedRevision: 'no_stream' });
    await store.append('a', batch, { expectedRevision: 'no_stream' });
    await Promise.all(Array.from({ length: 5 }, (_, n) => store.append('b', [testEvent({ n })])));
    await store.append('a', [testEvent()], { expectedRevision: 1 });

    const a = await store.readStream('a');
    const metadata = a.map((e) => e.metadata as { integrity: { hash: string; previousHash: string | null } });
    expect(a).toHaveLength(3);
    expect(metadata[0]?.integrity.previousHash).toBeNull();
    expect(metadata[1]?.integrity.previousHash).toBe(metadata[0]?.integrity.hash);
    expect(metadata[2]?.integrity.previousHash).toBe(metadata[1]?.integrity.hash);
    expect(await store.readStream('b')).toHaveLength(5);
    expect(await verifyLog(store)).toMatchObject({ intact: true, upToPosition: 8, eventsChecked: 8 });
  });

  it('given concurrent appends without caller ids to one stream, then they are chained one onto the other and share one commit', async () => {
    let commits = 0;
    const clock = () => new Date(Date.UTC(2024, 0, 1, 0, 0, ++commits));
    store = chain(await createSqliteEventStore({ file: ':memory:', clock }));

    // With caller ids and 'any' the decorator first reads the stream for a copy of the batch, so
    // those appends take turns; without ids there is no copy to look for.
    await Promise.all(Array.from({ length: 10 }, (_, n) => store.append('s', [{ type: 'TestEvent', data: { n }, metadata: {} }])));

    const events = await store.readStream('s');
    expect(new Set(events.map((e) => e.recordedAt)).size).toBe(1);
    expect(await verifyLog(store)).toMatchObject({ intact: true, upToPosition: 10 });
  });

  it('given an append that fails in a group, then the appends after it are chained on the stored head', async () => {
    store = chain(await createSqliteEventStore({ file: ':memory:' }));
    await store.append('s', [testEvent()]);
    const ids = testEvents(1);
    await store.append('s', ids);

    const [duplicate, next] = await Promise.allSettled([
      // One stored id and one new: refused (WrongExpectedRevisionError).
      store.append('s', [ids[0]!, testEvent({ partial: true })], { expectedRevision: 'any' }),
      store.append('s', [testEvent({ after: true })], { expectedRevision: 'any' }),
    ]);

    expect(duplicate.status).toBe('rejected');
    expect(next.status).toBe('fulfilled');
    expect(await store.streamRevision('s')).toBe(2);
    expect(await verifyLog(store)).toMatchObject({ intact: true, upToPosition: 3 });
  });

  it('given metadata that is not an object, then the append is refused: there is nowhere to keep the hash', async () => {
    store = chain(await createSqliteEventStore({ file: ':memory:' }));

    await expect(store.append('s', [{ type: 'T', data: {}, metadata: null }])).rejects.toThrow(/metadata must be a JSON object/);
    await expect(store.append('s', [{ type: 'T', data: {}, metadata: [1] }])).rejects.toThrow(/metadata must be a JSON object/);
    expect(await store.streamRevision('s')).toBeNull();
  });

  it('given metadata naming its own integrity, then the chain\'s replaces it and the log verifies', async () => {
    store = chain(await createSqliteEventStore({ file: ':memory:' }));
    const forged = { hash: 'f'.repeat(64), previousHash: null };

    await store.append('s', [{ type: 'T', data: { n: 1 }, metadata: { by: 'x', integrity: forged } }]);

    const [event] = await store.readStream('s');
    expect((event?.metadata as { integrity: { hash: string } }).integrity.hash).not.toBe(forged.hash);
    expect(event?.metadata).toMatchObject({ by: 'x' });
    expect(await verifyLog(store)).toMatchObject({ intact: true, upToPosition: 1 });
  });
});

describe('hash-chained embedded store', () => {
  let store: EventStore;
  afterEach(() => store.close());

  it('given the embedded store, then appends are chained inside its transaction: the port\'s unchained append is never used', async () => {
    const inner = await createSqliteEventStore({ file: ':memory:' });
    const unchained = vi.spyOn(inner, 'append');
    store = hashChained(inner);

    await Promise.all(Array.from({ length: 10 }, (_, n) => store.append('s', [testEvent({ n })])));

    expect(unchained).not.toHaveBeenCalled();
    expect(inner.committedTransactions).toBe(1);
    expect(await verifyLog(store)).toMatchObject({ intact: true, upToPosition: 10 });
  });

  it('given a store already hash-chained, when wrapped again, then appends still chain in the store\'s transaction, without reading heads through the port', async () => {
    const inner = await createSqliteEventStore({ file: ':memory:' });
    const reads = vi.spyOn(inner, 'readStream');
    store = hashChained(hashChained(inner));

    await store.append('s', testEvents(2));
    await store.append('s', testEvents(1));

    expect(reads).not.toHaveBeenCalled();
    expect(await verifyLog(store)).toMatchObject({ intact: true, upToPosition: 3 });
  });

  it('given the decorator over a store, when concurrent appends with any go to one stream, then they are serialised in-process: none has to be retried', async () => {
    const inner = portOnly(await createSqliteEventStore({ file: ':memory:' }));
    const appends = vi.spyOn(inner, 'append');
    store = hashChained(inner);

    await Promise.all(Array.from({ length: 10 }, (_, n) => store.append('s', [testEvent({ n })])));

    expect(appends.mock.settledResults.map((r) => r.type)).toEqual(Array(10).fill('fulfilled'));
    expect(await store.streamRevision('s')).toBe(9);
  });
});
