/**
 * The service process refusing a bad store: one line on stderr naming the file (or position)
 * and the cause, no stack trace unless ORGTRAIL_DEBUG=1, exit code 1, and the data directory
 * left byte for byte as it was — also with ORGTRAIL_SEED=auto, which would otherwise import the
 * seeds on top of another store's history.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nameBasedUuid } from '../../src/commands/event-ids.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import { testEvent } from '../contract/contract-fixtures.ts';
import { spawnServer } from './child-server.ts';
import { snapshotDir } from './dir-snapshot.ts';

const CHILD_TEST_TIMEOUT_MS = 180_000;

async function refusal(dataDir: string, env: Record<string, string> = {}) {
  const child = spawnServer(dataDir, env);
  child.started.catch(() => undefined);
  const exit = await child.exited;
  return { exit, stderr: child.output().stderr };
}

describe('start-up refusals of the service process', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'orgtrail-refusals-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it("given another store's WAL beside the database and ORGTRAIL_SEED=auto, then one line naming the WAL, exit 1, nothing changed", async () => {
    const other = await createSqliteEventStore({ dataDir: join(root, 'other') });
    await other.append('other', [testEvent({ n: 1 }, nameBasedUuid('other-1'))]);
    const mine = await createSqliteEventStore({ dataDir: join(root, 'mine') });
    await mine.append('mine', [testEvent({ n: 1 }, nameBasedUuid('mine-1'))]);
    await mine.close();
    copyFileSync(join(root, 'other', 'orgtrail.sqlite-wal'), join(root, 'mine', 'orgtrail.sqlite-wal'));
    await other.close();
    const before = snapshotDir(join(root, 'mine'));

    const { exit, stderr } = await refusal(join(root, 'mine'), { ORGTRAIL_SEED: 'auto' });

    expect(exit).toEqual({ code: 1, signal: null });
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`${join(root, 'mine', 'orgtrail.sqlite-wal')}: a WAL that does not belong to`);
    expect(snapshotDir(join(root, 'mine'))).toEqual(before);
  }, CHILD_TEST_TIMEOUT_MS);

  it('given a garbage database, then one line without a stack; with ORGTRAIL_DEBUG=1 the stack follows', async () => {
    const dataDir = join(root, 'garbage');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'orgtrail.sqlite'), 'not a database '.repeat(500));
    const before = snapshotDir(dataDir);

    const plain = await refusal(dataDir);
    expect(plain.exit.code).toBe(1);
    expect(plain.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^orgtrail: .*orgtrail\.sqlite: not an SQLite database/)]);

    const debug = await refusal(dataDir, { ORGTRAIL_DEBUG: '1' });
    expect(debug.exit.code).toBe(1);
    expect(debug.stderr).toMatch(/^\s+at /m);
    expect(snapshotDir(dataDir)).toEqual(before);
  }, CHILD_TEST_TIMEOUT_MS);
});
