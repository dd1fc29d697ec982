/**
 * SQLite failures that are the operator's to fix, translated into the port's errors: a full
 * disk (SQLITE_FULL, which SQLite also reports when the file reaches max_page_count, and a
 * write's ENOSPC) becomes StorageFullError, answered 507 with Retry-After. Anything else is
 * passed on unchanged.
 */
import Database from 'better-sqlite3';
import { StorageFullError } from '../../errors.ts';

export function translateSqliteFailure(error: unknown): unknown {
  if (error instanceof Database.SqliteError && error.code === 'SQLITE_FULL') return new StorageFullError('the disk or the database is full');
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOSPC') return new StorageFullError('no space left on the device');
  return error;
}
