/** `npm run verify` (src/audit/verify-cli.ts) as a process: exit 0 intact, 1 not intact, 2 no store. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashChained } from '../../src/audit/hash-chained-store.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { testEvents } from '../contract/contract-fixtures.ts';

function runVerify(dataDir: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/audit/verify-cli.ts'], {
    env: { ...process.env, ORGTRAIL_DATA_DIR: dataDir, ESDB_CONNECTION_STRING: '' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run verify', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orgtrail-verify-cli-'));
  let store: EventStore;
  beforeAll(async () => {
    store = hashChained(await createSqliteEventStore({ dataDir }));
    await store.append('a', testEvents(3));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given an intact store held open by a running service, then it prints "intact up to" its head and exits 0', () => {
    const run = runVerify(dataDir);

    expect(run.stdout).toMatch(/^intact up to position 3 \(3 events, 1 streams, 0 checkpoints checked\)/);
    expect(run.status).toBe(0);
  });

  it('given an altered event, then it prints the first failing position and exits 1', () => {
    const db = new Database(join(dataDir, 'orgtrail.sqlite'));
    db.prepare(`UPDATE events SET type = 'Forged' WHERE position = 2`).run();
    db.close();

    const run = runVerify(dataDir);

    expect(run.stdout).toMatch(/^NOT intact: first failing position 2 \(stream a\)/);
    expect(run.status).toBe(1);
  });

  it('given no store in the data directory, then it says so and exits 2', () => {
    const run = runVerify(join(dataDir, 'missing'));

    expect(run.stderr).toMatch(/no embedded store at/);
    expect(run.status).toBe(2);
  });
});
