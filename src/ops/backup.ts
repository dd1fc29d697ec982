/**
 * Online backup of the embedded store: `npm run backup -- <file>` copies ORGTRAIL_DATA_DIR's
 * orgtrail.sqlite into <file> while an orgtrail may be serving and appending.
 *
 * How it stays consistent: the source is opened READ-ONLY by a second connection (no data-dir
 * lock is needed or taken: SQLite's own file locking lets readers and the one writer share the
 * file in WAL mode), and SQLite's online backup API copies every page in ONE step. A step holds
 * a read transaction, so the copy is the database as of one commit: a prefix of the log that
 * contains every append acknowledged before the backup started, never half a transaction.
 * (Copied in several steps, a commit by the server between steps would restart the copy.)
 *
 * The copy is written beside the target as a temporary file, switched to a self-contained
 * single file (journal_mode=DELETE), checked (integrity_check, event count), fsynced, then
 * renamed to <file>; an existing <file> is never overwritten.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { fsyncPath } from './fsync-path.ts';

export const STORE_FILE_NAME = 'orgtrail.sqlite';
/** Pages per backup step: all of them, so the copy is taken in one read transaction. */
const ALL_PAGES = 0x7fffffff;
const BUSY_TIMEOUT_MS = 5_000;

export interface BackupSummary {
  file: string;
  /** Events in the copy, and the last global position it holds (-1 when empty). */
  eventCount: number;
  headPosition: number;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export async function backupDataDir(dataDir: string, targetFile: string): Promise<BackupSummary> {
  const source = join(dataDir, STORE_FILE_NAME);
  const target = resolve(targetFile);
  if (!existsSync(source)) throw new BackupError(`no embedded store at ${source} (is ORGTRAIL_DATA_DIR right?)`);
  if (existsSync(target)) throw new BackupError(`${target} already exists; choose a new file name (a backup never overwrites)`);
  const partial = `${target}.partial-${process.pid}`;
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    await db.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  try {
    const summary = sealCopy(partial);
    renameSync(partial, target);
    fsyncPath(dirname(target));
    return { file: target, ...summary };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Makes the copy one self-contained file, checks it and fsyncs it. */
export function sealCopy(file: string): Omit<BackupSummary, 'file'> {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`the copy failed SQLite's integrity check: ${String(integrity)}`);
    return countEvents(copy);
  } finally {
    copy.close();
    fsyncPath(file);
  }
}

function countEvents(db: Database.Database): Omit<BackupSummary, 'file'> {
  const row = db.prepare('SELECT count(*) AS eventCount, coalesce(max(position), -1) AS headPosition FROM events').get() as Omit<BackupSummary, 'file'>;
  return { eventCount: row.eventCount, headPosition: row.headPosition };
}
