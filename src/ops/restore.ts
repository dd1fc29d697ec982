/**
 * Restore of the embedded store: `npm run restore -- <file>` puts a backup in place as
 * ORGTRAIL_DATA_DIR's orgtrail.sqlite.
 *
 * Guarantees:
 * - never into a live data directory: the data-dir lock is taken first, so a running orgtrail
 *   (or another restore) makes it refuse with DataDirLockedError, changing nothing;
 * - never an unverified backup: the backup is copied into a staging folder inside the data
 *   directory, opened as a store, and its hash chains checked with verifyLog plus SQLite's
 *   integrity check; a broken backup is refused, changing nothing;
 * - the restored store gets an identity of its own (open-event-database.ts), so the WAL of the
 *   store the backup was taken from is refused beside it (check-store-files.ts);
 * - nothing is lost: the store it replaces is kept beside it, with its -wal and -shm files
 *   (which hold committed data and must never be paired with another database file), as
 *   orgtrail.sqlite.replaced-<instant>;
 * - the swap is a rename within one file system, fsynced: after a crash the data directory
 *   holds either the old store or the restored one.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verifyLog } from '../audit/verify-log.ts';
import { acquireDataDirLock } from '../store/embedded/data-dir-lock.ts';
import { setStoreIdentity } from '../store/embedded/open-event-database.ts';
import { createSqliteEventStore } from '../store/embedded/sqlite-event-store.ts';
import { BackupError, sealCopy, STORE_FILE_NAME } from './backup.ts';
import { fsyncPath } from './fsync-path.ts';

export interface RestoreSummary {
  eventCount: number;
  headPosition: number;
  /** Where the store that was replaced now lies (null if the data directory had none). */
  replacedFile: string | null;
}

const SIDECARS = ['', '-wal', '-shm'];

export async function restoreDataDir(dataDir: string, backupFile: string, now: () => Date = () => new Date()): Promise<RestoreSummary> {
  if (!existsSync(backupFile)) throw new BackupError(`no backup at ${backupFile}`);
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(join(dataDir, 'orgtrail.lock'));
  const staging = mkdtempSync(join(dataDir, '.restore-'));
  try {
    const staged = join(staging, STORE_FILE_NAME);
    copyFileSync(backupFile, staged);
    await verifyStaged(staging);
    const copy = new Database(staged, { fileMustExist: true });
    try {
      setStoreIdentity(copy);
    } finally {
      copy.close();
    }
    const { eventCount, headPosition } = sealCopy(staged);
    const live = join(dataDir, STORE_FILE_NAME);
    let replacedFile: string | null = null;
    if (existsSync(live)) {
      replacedFile = `${live}.replaced-${now().toISOString().replaceAll(':', '-')}`;
      for (const suffix of SIDECARS) if (existsSync(live + suffix)) renameSync(live + suffix, replacedFile + suffix);
    }
    renameSync(staged, live);
    fsyncPath(dataDir);
    return { eventCount, headPosition, replacedFile };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    lock.release();
  }
}

async function verifyStaged(staging: string): Promise<void> {
  const store = await createSqliteEventStore({ dataDir: staging });
  try {
    const verdict = await verifyLog(store);
    if (!verdict.intact) {
      throw new BackupError(`the backup does not verify at position ${verdict.position}${verdict.streamId ? ` (${verdict.streamId})` : ''}: ${verdict.reason}; nothing was restored`);
    }
  } finally {
    await store.close();
  }
}
