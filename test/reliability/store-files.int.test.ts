/**
 * The embedded store's files at start-up: each bad file (another store's WAL, a sidecar without
 * its database, a rollback journal, a garbage, truncated or future-schema database, a data
 * directory that is a file or is read-only) is refused with a StoreFileError naming the file and
 * the cause, and the data directory is left byte for byte as it was; the store's own WAL after a
 * crash is applied; a stale or empty lock is taken over with a log line.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreFileError } from '../../src/store/embedded/check-store-files.ts';
import { createSqliteEventStore, type SqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import { nameBasedUuid } from '../../src/commands/event-ids.ts';
import { testEvent } from '../contract/contract-fixtures.ts';
import { snapshotDir } from './dir-snapshot.ts';

const event = (label: string) => testEvent({ label }, nameBasedUuid(label));

/** A store with `count` events in stream `stream`, left open (its WAL holds every commit). */
async function storeWith(dataDir: string, stream: string, count: number): Promise<SqliteEventStore> {
  const store = await createSqliteEventStore({ dataDir });
  for (let i = 0; i < count; i++) await store.append(stream, [event(`${stream}-${i}`)]);
  return store;
}

async function expectRefused(dataDir: string, file: string, cause: RegExp): Promise<void> {
  const before = snapshotDir(dataDir);
  const refusal = await createSqliteEventStore({ dataDir }).then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (error: unknown) => error,
  );
  expect(refusal).toBeInstanceOf(StoreFileError);
  expect((refusal as StoreFileError).file).toBe(file);
  expect((refusal as Error).message).toMatch(cause);
  expect((refusal as Error).message).not.toContain('\n');
  expect(snapshotDir(dataDir)).toEqual(before);
}

describe('store files at start-up', () => {
  let root: string;
  const open: SqliteEventStore[] = [];
  const dir = (name: string) => join(root, name);
  const db = (name: string) => join(root, name, 'orgtrail.sqlite');

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'orgtrail-files-'));
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    await rm(root, { recursive: true, force: true });
  });

  it("given another store's WAL copied beside a database, then start-up is refused naming the WAL, and nothing changes", async () => {
    const other = await storeWith(dir('other'), 'other', 5);
    open.push(other);
    const mine = await storeWith(dir('mine'), 'mine', 3);
    await mine.close();
    copyFileSync(`${db('other')}-wal`, `${db('mine')}-wal`);

    await expectRefused(dir('mine'), `${db('mine')}-wal`, /does not belong to .*orgtrail\.sqlite .*store identity/);
  });

  it("given another store's WAL holding only small commits made after a checkpoint, then it is refused too", async () => {
    // After a checkpoint the other store's WAL holds one small commit, which fits in existing pages.
    const other = await storeWith(dir('other'), 'other', 40);
    open.push(other);
    const otherDb = new Database(db('other'));
    otherDb.pragma('wal_checkpoint(TRUNCATE)');
    otherDb.close();
    await other.append('other', [event('other-late')]);
    const mine = await storeWith(dir('mine'), 'mine', 1);
    await mine.close();
    copyFileSync(`${db('other')}-wal`, `${db('mine')}-wal`);

    await expectRefused(dir('mine'), `${db('mine')}-wal`, /does not belong/);
  });

  it('given the store\'s own WAL left by a crash, then it is applied and every committed event is there', async () => {
    const crashed = await storeWith(dir('crashed'), 'mine', 7);
    open.push(crashed);
    mkdirSync(dir('copy'));
    // The files as a crash leaves them: database and WAL (no clean close, so no checkpoint).
    for (const suffix of ['', '-wal']) copyFileSync(`${db('crashed')}${suffix}`, `${db('copy')}${suffix}`);

    const reopened = await createSqliteEventStore({ dataDir: dir('copy') });
    open.push(reopened);
    expect((await reopened.readStream('mine')).map((e) => e.id)).toEqual(Array.from({ length: 7 }, (_, i) => event(`mine-${i}`).id));
  });

  it('given a WAL or a shared-memory file without its database, then start-up is refused naming it', async () => {
    const other = await storeWith(dir('other'), 'other', 2);
    open.push(other);
    mkdirSync(dir('orphan'));
    copyFileSync(`${db('other')}-wal`, `${db('orphan')}-wal`);
    await expectRefused(dir('orphan'), `${db('orphan')}-wal`, /sidecar file without its database/);

    mkdirSync(dir('shm'));
    writeFileSync(`${db('shm')}-shm`, Buffer.alloc(32_768));
    await expectRefused(dir('shm'), `${db('shm')}-shm`, /sidecar file without its database/);
  });

  it('given a rollback journal beside the database, then start-up is refused naming it', async () => {
    await (await storeWith(dir('j'), 'mine', 1)).close();
    writeFileSync(`${db('j')}-journal`, Buffer.alloc(4096, 7));
    await expectRefused(dir('j'), `${db('j')}-journal`, /rollback journal/);
  });

  it('given a garbage database, then start-up is refused naming it', async () => {
    mkdirSync(dir('garbage'));
    writeFileSync(db('garbage'), Buffer.from('this is not a database at all, just some text that replaced it'.repeat(100)));
    await expectRefused(dir('garbage'), db('garbage'), /not an SQLite database/);
  });

  it('given a truncated database, then start-up is refused naming it', async () => {
    await (await storeWith(dir('cut'), 'mine', 200)).close();
    const size = statSync(db('cut')).size;
    truncateSync(db('cut'), Math.floor(size / 2 / 4096) * 4096);
    await expectRefused(dir('cut'), db('cut'), /truncated/);
    truncateSync(db('cut'), 1000);
    await expectRefused(dir('cut'), db('cut'), /truncated|not an SQLite database/);
  });

  it('given a database from a future schema version, then start-up is refused naming it', async () => {
    await (await storeWith(dir('future'), 'mine', 1)).close();
    const raw = new Database(db('future'));
    raw.pragma('user_version = 99');
    raw.close();
    await expectRefused(dir('future'), db('future'), /schema version 99, newer than this orgtrail knows \(1\)/);
  });

  it('given a data directory that is a file, then start-up is refused naming it', async () => {
    writeFileSync(dir('file'), 'not a directory');
    await expectRefused(dir('file'), dir('file'), /is a file, not a directory/);
  });

  it('given a read-only data directory, then start-up is refused naming it', async (context) => {
    mkdirSync(dir('ro'));
    if (process.getuid?.() === 0) {
      // root writes through permission bits: only a read-only mount refuses it.
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dir('ro')], { stdio: 'pipe' });
      } catch (error) {
        console.warn(`skipped: running as root without the right to mount a read-only tmpfs (${String(error).split('\n')[0]})`);
        context.skip();
      }
    } else {
      chmodSync(dir('ro'), 0o555);
    }
    try {
      await expectRefused(dir('ro'), dir('ro'), /not writable \((EACCES|EROFS|EPERM)\)/);
    } finally {
      if (process.getuid?.() === 0) execFileSync('umount', [dir('ro')]);
      else chmodSync(dir('ro'), 0o755);
    }
  });

  it('given an empty lock file (a crash while it was written) or one naming a process that is gone, then it is taken over with a log line', async () => {
    for (const [name, content, why] of [
      ['empty', '', /holds no pid/],
      ['dead', '999999999\n', /process 999999999, is gone/],
    ] as const) {
      mkdirSync(dir(name));
      writeFileSync(join(dir(name), 'orgtrail.lock'), content);
      const lines: string[] = [];
      const store = await createSqliteEventStore({ dataDir: dir(name), log: (line) => lines.push(line) });
      open.push(store);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`took over the stale lock ${join(dir(name), 'orgtrail.lock')}`);
      expect(lines[0]).toMatch(why);
      expect(readFileSync(join(dir(name), 'orgtrail.lock'), 'utf8')).toBe(`${process.pid}\n`);
    }
  });
});
