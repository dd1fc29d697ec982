/**
 * The embedded (SQLite) store: the contract on a fresh data directory per test, then what
 * only the embedded store promises: durability settings, persistence across reopen, the
 * data directory lock, the store clock, group commit and closing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertSynchronousFull } from '../../src/store/embedded/open-event-database.ts';
import {
  createSqliteEventStore,
  DataDirLockedError,
  type SqliteEventStore,
} from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { testEvent, testEvents } from './contract-fixtures.ts';
import { describeEventStoreContract } from './event-store.contract.ts';

const contractDirs = new Map<EventStore, string>();

describeEventStoreContract(
  'embedded (SQLite)',
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'orgtrail-contract-'));
    const store = await createSqliteEventStore({ dataDir });
    contractDirs.set(store, dataDir);
    return store;
  },
  async (store) => {
    await rm(contractDirs.get(store) ?? '', { recursive: true, force: true });
    contractDirs.delete(store);
  },
);

describe('embedded event store', () => {
  let dataDir: string;
  const opened: SqliteEventStore[] = [];
  const open = async (options: { clock?: () => Date } = {}) => {
    const store = await createSqliteEventStore({ dataDir, ...options });
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orgtrail-embedded-'));
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('durability', () => {
    it('when opened, then the connection reads back WAL mode, synchronous FULL and a busy timeout', async () => {
      const store = await open();

      expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 'FULL', busyTimeoutMs: 5_000 });
    });

    it('given a connection with synchronous NORMAL, when checked, then it is refused with a message naming FULL', () => {
      const db = new Database(':memory:');
      db.pragma('synchronous = NORMAL');

      expect(() => assertSynchronousFull(db)).toThrow(/synchronous is NORMAL, expected FULL/);
      db.close();
    });

    it('given a new store, then it is empty: head position -1', async () => {
      const store = await open();

      expect(await store.headPosition()).toBe(-1);
      expect(await store.readAll()).toEqual([]);
    });

    it('given a data directory that does not exist, when opened, then it is created with the database file in it', async () => {
      dataDir = join(dataDir, 'nested', 'data');

      await open();

      expect(existsSync(join(dataDir, 'orgtrail.sqlite'))).toBe(true);
    });

    it('given stored events, when the store is closed and reopened, then the same events are read at the same positions', async () => {
      const first = await open();
      await first.append('a', testEvents(3));
      await first.append('b', testEvents(2));
      const before = await first.readAll();
      await first.close();

      const reopened = await open();

      expect(await reopened.readAll()).toEqual(before);
      expect(await reopened.headPosition()).toBe(before.at(-1)?.position);
      const next = await reopened.append('a', [testEvent()], { expectedRevision: 2 });
      expect(next.position).toBeGreaterThan(before.at(-1)?.position ?? Infinity);
    });

    it('given appends not yet committed, when the store is closed, then they are committed before it closes', async () => {
      const store = await open();
      const pending = store.append('a', testEvents(2));

      await store.close();

      await expect(pending).resolves.toEqual({ nextExpectedRevision: 1, position: 2 });
      expect(await (await open()).readStream('a')).toHaveLength(2);
    });
  });

  describe('lock', () => {
    it('given an open store, when the same data directory is opened again, then it is refused with a clear message until the first is closed', async () => {
      const first = await open();

      const refusal = open();

      await expect(refusal).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(refusal).rejects.toThrow(/data directory is locked: .*orgtrail\.lock is held by this process/);
      await first.close();
      await expect(open()).resolves.toBeDefined();
    });

    it('given a lock file left by a process that is no longer running, when opened, then the lock is taken over', async () => {
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      writeFileSync(join(dataDir, 'orgtrail.lock'), `${dead}\n`);

      await open();

      expect(readFileSync(join(dataDir, 'orgtrail.lock'), 'utf8').trim()).toBe(String(process.pid));
    });

    it('when the store is closed, then its lock file is removed', async () => {
      const store = await open();

      await store.close();

      expect(existsSync(join(dataDir, 'orgtrail.lock'))).toBe(false);
    });

    it('given an in-memory store, then it takes no lock: two can be open at once', async () => {
      const stores = await Promise.all([createSqliteEventStore({ file: ':memory:' }), createSqliteEventStore({ file: ':memory:' })]);
      opened.push(...stores);

      await Promise.all(stores.map((store) => store.append('a', [testEvent()])));

      for (const store of stores) expect(await store.readStream('a')).toHaveLength(1);
    });
  });
});
