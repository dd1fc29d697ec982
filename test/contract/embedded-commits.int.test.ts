/**
 * What only the embedded store promises about commits: recordedAt from its clock, group
 * commit, stricter event-id uniqueness, input checks, closing, and subscription paging and
 * polling.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from '../../src/errors.ts';
import {
  createSqliteEventStore,
  EventStoreClosedError,
  type SqliteEventStore,
} from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventToAppend, ExpectedRevision } from '../../src/store/event-store.ts';
import { collectEvents, delay, testEvent, testEvents, within } from './contract-fixtures.ts';

const clockOf = (...instants: string[]) => {
  const remaining = [...instants];
  return () => new Date(remaining.length > 1 ? (remaining.shift() ?? '') : (remaining[0] ?? ''));
};

describe('embedded event store commits', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  const reopen = async (clock?: () => Date) => {
    await store.close();
    store = await createSqliteEventStore({ dataDir, clock });
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orgtrail-commits-'));
    store = await createSqliteEventStore({ dataDir });
  });

  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('recordedAt', () => {
    it('given an injected clock, when events are appended, then recordedAt is its instant', async () => {
      await reopen(clockOf('2024-05-01T10:00:00.123Z'));

      await store.append('a', testEvents(2));

      expect((await store.readStream('a')).map((e) => e.recordedAt)).toEqual(['2024-05-01T10:00:00.123Z', '2024-05-01T10:00:00.123Z']);
    });

    it('given a clock that goes backwards, when appending, then recordedAt repeats the last instant instead of decreasing', async () => {
      await reopen(clockOf('2024-05-01T10:00:00.500Z', '2024-05-01T09:59:59.000Z', '2024-05-01T10:00:01.000Z'));

      for (let n = 0; n < 3; n += 1) await store.append('a', [testEvent({ n })]);

      expect((await store.readStream('a')).map((e) => e.recordedAt)).toEqual([
        '2024-05-01T10:00:00.500Z',
        '2024-05-01T10:00:00.500Z',
        '2024-05-01T10:00:01.000Z',
      ]);
    });

    it('given stored events, when reopened with a clock behind them, then new events get the last stored recordedAt', async () => {
      await reopen(clockOf('2030-01-01T00:00:00.000Z'));
      await store.append('a', [testEvent()]);

      await reopen(clockOf('2020-01-01T00:00:00.000Z'));
      await store.append('a', [testEvent()]);

      expect((await store.readStream('a')).map((e) => e.recordedAt)).toEqual(['2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z']);
    });
  });

  describe('group commit', () => {
    it('given 200 appends made at once to different streams, when they commit, then all succeed in one transaction and are readable', async () => {
      const before = store.committedTransactions;

      const results = await Promise.all(Array.from({ length: 200 }, (_, n) => store.append(`s-${n}`, testEvents(2), { expectedRevision: 'no_stream' })));

      expect(store.committedTransactions - before).toBe(1);
      expect(results.every((r) => r.nextExpectedRevision === 1)).toBe(true);
      expect(await store.readAll()).toHaveLength(400);
    });

    it('given appends awaited one after another, then each commits in its own transaction', async () => {
      const before = store.committedTransactions;

      await store.append('a', [testEvent()]);
      await store.append('a', [testEvent()]);

      expect(store.committedTransactions - before).toBe(2);
    });

    it('given a group where one append fails its expectation, then only that one is refused and the others commit', async () => {
      await store.append('b', [testEvent()]);

      const [a, b, c] = await Promise.allSettled([
        store.append('a', [testEvent()], { expectedRevision: 'no_stream' }),
        store.append('b', testEvents(2), { expectedRevision: 'no_stream' }),
        store.append('c', [testEvent()], { expectedRevision: 'no_stream' }),
      ]);

      expect([a?.status, b?.status, c?.status]).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(b?.status === 'rejected' && b.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.readAll()).map((e) => e.streamId)).toEqual(['b', 'a', 'c']);
    });

    it('given a group where an INSERT itself fails, in a one-event append or in the middle of a longer one, then that append leaves nothing and the others commit', async () => {
      // A trigger makes SQLite refuse chosen rows (statement-level abort, the transaction goes on).
      const other = new Database(join(dataDir, 'orgtrail.sqlite'));
      other.exec("CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.stream_id = 'one' OR (NEW.stream_id = 'three' AND NEW.revision = 2) BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
      other.close();

      for (const append of [store.append.bind(store), store.appendChained.bind(store)]) {
        const [a, one, three, b] = await Promise.allSettled([
          append('a', testEvents(2)),
          append('one', [testEvent()]),
          append('three', testEvents(3)),
          append('b', [testEvent()]),
        ]);

        expect([a?.status, one?.status, three?.status, b?.status]).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
        expect(await store.readStream('one')).toEqual([]);
        expect(await store.readStream('three')).toEqual([]);
      }
      expect((await store.readAll()).map((e) => `${e.streamId}@${e.revision}`)).toEqual(['a@0', 'a@1', 'b@0', 'a@2', 'a@3', 'b@1']);
      expect(await store.append('three', testEvents(2))).toMatchObject({ nextExpectedRevision: 1 });
    });

    it('given the same batch appended twice in one group, then the second gets the result of the first and nothing is doubled', async () => {
      const batch = testEvents(2);

      const [first, second] = await Promise.all([
        store.append('a', batch, { expectedRevision: 'no_stream' }),
        store.append('a', batch, { expectedRevision: 'no_stream' }),
      ]);

      expect(second).toEqual(first);
      expect(await store.readStream('a')).toHaveLength(2);
    });
  });

  describe('event ids (stricter than EventStoreDB: unique within a stream)', () => {
    const stored = testEvent();
    beforeEach(async () => {
      await store.append('a', [stored]);
    });

    it.each<[string, EventToAppend[], ExpectedRevision]>([
      ['after a new id, with any', [testEvent(), stored], 'any'],
      ['alone, at the exact current revision', [stored], 0],
    ])('given a stream holding an id, when it is appended again %s, then WrongExpectedRevisionError', async (_, batch, expectedRevision) => {
      await expect(store.append('a', batch, { expectedRevision })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream('a')).toHaveLength(1);
    });
  });

  describe('invalid appends', () => {
    it.each<unknown>([-1, 1.5, 'latest'])('when the expected revision is %s, then RangeError', async (expectedRevision) => {
      const attempt = store.append('a', [testEvent()], { expectedRevision: expectedRevision as ExpectedRevision });
      await expect(attempt).rejects.toThrow(RangeError);
    });

    it('when an event id is not a UUID, then TypeError and nothing is appended', async () => {
      await expect(store.append('a', [testEvent({}, 'not-a-uuid')])).rejects.toThrow(TypeError);
      expect(await store.headPosition()).toBe(-1);
    });
  });

  describe('closing', () => {
    it('given a closed store, when it is used, then every operation fails with EventStoreClosedError', async () => {
      await store.close();

      await expect(store.append('a', [testEvent()])).rejects.toBeInstanceOf(EventStoreClosedError);
      await expect(store.readStream('a')).rejects.toThrow('the embedded event store is closed');
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreClosedError);
      await expect(store.streamRevision('a')).rejects.toBeInstanceOf(EventStoreClosedError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreClosedError);
      expect(() => store.subscribeToAll()).toThrow(EventStoreClosedError);
      await expect(store.close()).resolves.toBeUndefined();
    });

    it('given a subscription waiting for live events, when the store closes, then its loop ends', async () => {
      const subscription = store.subscribeToAll();
      const loop = (async () => {
        for await (const event of subscription) void event;
      })();
      await delay(20);

      await store.close();

      await expect(within(200, loop)).resolves.toBeUndefined();
    });
  });

  describe('subscription', () => {
    it('given more history than one page, when subscribed from the start, then every event arrives once, in order', async () => {
      await store.append('big', testEvents(2_500));

      const received = await collectEvents(store.subscribeToAll(), () => true, 2_500);

      expect(received.map((e) => e.revision)).toEqual(Array.from({ length: 2_500 }, (_, n) => n));
    });

    it('given a waiting subscription, when an event is appended, then it is delivered at once, not at the next poll', async () => {
      const delivery = collectEvents(store.subscribeToAll(), () => true, 1);
      await delay(20);

      await store.append('a', [testEvent()]);

      await expect(within(200, delivery)).resolves.toHaveLength(1);
    });

    it('given an event written to the file by another connection, then a waiting subscription delivers it by polling', async () => {
      const subscription = store.subscribeToAll();
      const delivery = collectEvents(subscription, () => true, 1, { timeoutMs: 3_000 });
      await delay(20);

      const other = new Database(join(dataDir, 'orgtrail.sqlite'));
      other
        .prepare("INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES ('x', 0, ?, 'TestEvent', '{}', '{}', ?)")
        .run(testEvent().id, new Date().toISOString());
      other.close();

      expect((await delivery).map((e) => e.streamId)).toEqual(['x']);
    });
  });
});
