/**
 * The hash-chained decorator keeps the event store contract: the whole contract suite runs on
 * the decorated embedded store (reads seen without the added `integrity` member), and every
 * event it stores is chained.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashChained } from '../../src/audit/hash-chained-store.ts';
import { verifyLog } from '../../src/audit/verify-log.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { testEvent, testEvents } from '../contract/contract-fixtures.ts';
import { describeEventStoreContract } from '../contract/event-store.contract.ts';
import { hidingIntegrity } from './hiding-integrity.ts';

const dirs = new Map<EventStore, string>();

describeEventStoreContract(
  'hash-chained embedded (SQLite)',
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'orgtrail-chained-'));
    const store = hidingIntegrity(hashChained(await createSqliteEventStore({ dataDir })));
    dirs.set(store, dataDir);
    return store;
  },
  async (store) => {
    await rm(dirs.get(store) ?? '', { recursive: true, force: true });
    dirs.delete(store);
  },
);

describe('hash-chained store', () => {
  let store: EventStore;
  afterEach(() => store.close());

  it('given appends, retries and races on several streams, then every event carries a hash chained to its predecessor and the log verifies', async () => {
    const inner = await createSqliteEventStore({ file: ':memory:' });
    store = hashChained(inner);
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

  it('given concurrent appends with any to one stream, then they are serialised in-process: none has to be retried', async () => {
    const inner = await createSqliteEventStore({ file: ':memory:' });
    const appends = vi.spyOn(inner, 'append');
    store = hashChained(inner);

    await Promise.all(Array.from({ length: 10 }, (_, n) => store.append('s', [testEvent({ n })])));

    expect(appends.mock.settledResults.map((r) => r.type)).toEqual(Array(10).fill('fulfilled'));
    expect(await store.streamRevision('s')).toBe(9);
  });

  it('given concurrent appends to one stream, then they are chained on predicted heads and share one commit', async () => {
    let commits = 0;
    const clock = () => new Date(Date.UTC(2024, 0, 1, 0, 0, ++commits));
    store = hashChained(await createSqliteEventStore({ file: ':memory:', clock }));

    await Promise.all(Array.from({ length: 10 }, (_, n) => store.append('s', [testEvent({ n })])));

    const events = await store.readStream('s');
    expect(new Set(events.map((e) => e.recordedAt)).size).toBe(1);
    expect(await verifyLog(store)).toMatchObject({ intact: true, upToPosition: 10 });
  });

  it('given a predicted append that fails, then the appends chained onto it are retried on the stored head', async () => {
    const inner = await createSqliteEventStore({ file: ':memory:' });
    store = hashChained(inner);
    await store.append('s', [testEvent()]);
    const ids = testEvents(1);
    await store.append('s', ids);

    const [duplicate, next] = await Promise.allSettled([
      // One stored id and one new: refused (WrongExpectedRevisionError) after its head was predicted.
      store.append('s', [ids[0]!, testEvent({ partial: true })], { expectedRevision: 'any' }),
      store.append('s', [testEvent({ after: true })], { expectedRevision: 'any' }),
    ]);

    expect(duplicate.status).toBe('rejected');
    expect(next.status).toBe('fulfilled');
    expect(await store.streamRevision('s')).toBe(2);
    expect(await verifyLog(store)).toMatchObject({ intact: true, upToPosition: 3 });
  });

  it('given metadata that is not an object, then the append is refused: there is nowhere to keep the hash', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));

    await expect(store.append('s', [{ type: 'T', data: {}, metadata: null }])).rejects.toThrow(/metadata must be a JSON object/);
    expect(await store.streamRevision('s')).toBeNull();
  });
});
