/**
 * The embedded store's log opened read-only, for verification: no data-directory lock and no
 * writes, so it can run beside a server that has the store open (SQLite's WAL lets readers see
 * every committed append while a writer works). Reads go through the store's own event table,
 * so rows map to events exactly as the server reads them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEventTable } from '../store/embedded/event-table.ts';
import type { VerifiableStore } from './verify-log.ts';

export interface ReadOnlyLog extends VerifiableStore {
  close(): void;
}

export function openLogReadOnly(dataDir: string): ReadOnlyLog {
  const file = join(dataDir, 'orgtrail.sqlite');
  if (!existsSync(file)) throw new Error(`no embedded store at ${file} (set ORGTRAIL_DATA_DIR)`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const table = createEventTable(db);
  return {
    kind: 'embedded',
    readAll: async (options = {}) =>
      options.direction === 'backwards'
        ? table.readAllBackwards(options.fromPosition ?? Number.MAX_SAFE_INTEGER, options.maxCount ?? -1)
        : table.readAllForwards(options.fromPosition ?? -1, options.maxCount ?? -1),
    headPosition: async () => table.headPosition(),
    close: () => db.close(),
  };
}
