/**
 * Backup and restore of the embedded store (`npm run backup|restore -- <file>`):
 *   - a backup taken while a server appends as fast as it can holds a consistent prefix of
 *     the log, with every append acknowledged before the backup started, and verifies;
 *   - restored into a new data directory, the log verifies and a server starts on it;
 *   - restore refuses a data directory in use, and a backup that does not verify, changing
 *     nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../../src/audit/verify-log.ts';
import { restoreDataDir } from '../../src/ops/restore.ts';
import { DataDirLockedError } from '../../src/store/embedded/data-dir-lock.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { RecordedEvent } from '../../src/store/event-store.ts';
import { apiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { prepareLoadTarget, startAppendLoad, type Ack } from './append-load.ts';
import { ackProblems } from './log-checks.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The CLI runs in a child process (tsx): seconds to start, many more on a busy machine. */
const CLI_TEST_TIMEOUT_MS = 120_000;

/** Runs `npm run <operation> -- <file>` the way an operator does (tsx, ORGTRAIL_DATA_DIR). */
function runOps(operation: 'backup' | 'restore', file: string, dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/ops/cli.ts', operation, file], { cwd: ROOT, env: { ...process.env, ORGTRAIL_DATA_DIR: dataDir } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function readLog(dataDir: string): Promise<{ events: RecordedEvent[]; verdict: Awaited<ReturnType<typeof verifyLog>> }> {
  const store = await createSqliteEventStore({ dataDir });
  try {
    return { events: await store.readAll(), verdict: await verifyLog(store) };
  } finally {
    await store.close();
  }
}

describe('backup while serving, then restore', () => {
  let work: string;
  let liveDir: string;
  let backupFile: string;
  let app: TestApp | undefined;
  let acksBeforeBackup: Ack[];
  let finalLog: RecordedEvent[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'orgtrail-backup-'));
    liveDir = join(work, 'live');
    backupFile = join(work, 'orgtrail-backup.sqlite');
    app = await startTestApp({ dataDir: liveDir });
    await prepareLoadTarget(apiClient(app.url, { token: app.adminToken }));
  });
  afterAll(async () => {
    await app?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('takes a backup while appends go on, without stopping the server', async () => {
    const load = startAppendLoad(app!.url, app!.adminToken, { workers: 4, tag: 'bk' });
    while (load.result.acks.length < 10) await new Promise((resolve) => setTimeout(resolve, 10));
    acksBeforeBackup = [...load.result.acks];

    const backup = await runOps('backup', backupFile, liveDir);
    const afterBackup = load.result.acks.length;
    const result = await load.stop();

    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/events, up to position \d+/);
    expect(result.acks.length).toBeGreaterThan(acksBeforeBackup.length);
    expect(afterBackup).toBeGreaterThan(0);
    await app!.close();
    app = undefined;
    finalLog = (await readLog(liveDir)).events;
    expect(ackProblems(finalLog, result.acks)).toEqual([]);
  }, CLI_TEST_TIMEOUT_MS);

  it('restores the backup into a new data directory: a verified prefix of the log with every ack from before the backup', async () => {
    const restoredDir = join(work, 'restored');

    const restore = await runOps('restore', backupFile, restoredDir);

    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('log verified');
    const { events, verdict } = await readLog(restoredDir);
    expect(verdict).toMatchObject({ intact: true });
    expect(ackProblems(events, acksBeforeBackup)).toEqual([]);
    expect(events.map((e) => e.id)).toEqual(finalLog.slice(0, events.length).map((e) => e.id));
    expect(readdirSync(restoredDir).filter((name) => name.startsWith('.restore-'))).toEqual([]);
    // A store of its own: the source store's WAL is foreign beside it.
    const identityOf = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return Number(db.pragma('application_id', { simple: true }));
      } finally {
        db.close();
      }
    };
    expect(identityOf(join(restoredDir, 'orgtrail.sqlite'))).not.toBe(identityOf(backupFile));
    const restored = await startTestApp({ dataDir: restoredDir });
    try {
      expect((await apiClient(restored.url).get('/api/v1/orgs/o1/org-chart?at=2020-06-01')).status).toBe(200);
    } finally {
      await restored.close();
    }
  }, CLI_TEST_TIMEOUT_MS);

  it('refuses to restore into a data directory a server is using, changing nothing', async () => {
    const busyDir = join(work, 'busy');
    const busy = await startTestApp({ dataDir: busyDir });
    try {
      const head = await busy.store.headPosition();

      await expect(restoreDataDir(busyDir, backupFile)).rejects.toBeInstanceOf(DataDirLockedError);

      expect(await busy.store.headPosition()).toBe(head);
      expect(readdirSync(busyDir).filter((name) => name.includes('replaced') || name.startsWith('.restore-'))).toEqual([]);
    } finally {
      await busy.close();
    }
  });

  it('refuses a backup whose log does not verify, and keeps the store it would have replaced', async () => {
    const tampered = join(work, 'tampered.sqlite');
    const db = new Database(backupFile, { readonly: true });
    await db.backup(tampered);
    db.close();
    const edit = new Database(tampered);
    edit.prepare("UPDATE events SET data = json_set(data, '$.name', 'Forged') WHERE type = 'UnitEstablished' AND position = (SELECT min(position) FROM events WHERE type = 'UnitEstablished')").run();
    edit.close();
    const targetDir = join(work, 'target');
    const target = await startTestApp({ dataDir: targetDir });
    await target.close();

    await expect(restoreDataDir(targetDir, tampered)).rejects.toThrow(/does not verify/);

    expect(existsSync(join(targetDir, 'orgtrail.sqlite'))).toBe(true);
    expect(readdirSync(targetDir).filter((name) => name.includes('replaced') || name.startsWith('.restore-'))).toEqual([]);
    expect((await readLog(targetDir)).events).toEqual([]);
  });
});
