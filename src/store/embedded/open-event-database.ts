/**
 * Opens the embedded store's SQLite file with the settings its durability promise rests on,
 * and creates or checks its schema.
 *
 * Durability: WAL with synchronous=FULL fsyncs the WAL at every COMMIT, so an append whose
 * promise resolved survives a crash or a power loss. better-sqlite3 is built with
 * SQLITE_DEFAULT_WAL_SYNCHRONOUS=1 (NORMAL), which only survives a crash of the process;
 * that is why the setting is read back and the store refuses to start unless it is FULL.
 */
import { randomInt } from 'node:crypto';
import Database from 'better-sqlite3';
import { StoreFileError } from './check-store-files.ts';

export type SqliteDatabase = Database.Database;

const BUSY_TIMEOUT_MS = 5_000;
export const SCHEMA_VERSION = 1;
const SYNCHRONOUS_LEVELS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

export interface Durability {
  journalMode: string;
  synchronous: (typeof SYNCHRONOUS_LEVELS)[number] | `unknown(${number})`;
  busyTimeoutMs: number;
}

/**
 * Positions come from AUTOINCREMENT, so a position is never handed out twice, and from a
 * single writer at a time, so positions commit in increasing order: a reader never sees
 * position n+1 without n (no gaps for catch-up subscriptions).
 */
const SCHEMA = `
  CREATE TABLE events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    event_id    TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  );
  CREATE INDEX events_by_stream_event_id ON events (stream_id, event_id);
`;

/**
 * Opens the file (its sidecars already checked: check-store-files.ts). A file SQLite finds
 * damaged on opening refuses with a StoreFileError naming it, as the pre-open check does.
 */
export function openEventDatabase(file: string): SqliteDatabase {
  const db = new Database(file);
  try {
    configure(db, file === ':memory:');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Database.SqliteError && (error.code === 'SQLITE_NOTADB' || error.code.startsWith('SQLITE_CORRUPT'))) {
      throw new StoreFileError(file, `SQLite cannot read the database (${error.message})`, 'restore it from a backup (npm run restore)');
    }
    throw error;
  }
}

export function readDurability(db: SqliteDatabase): Durability {
  const level = Number(db.pragma('synchronous', { simple: true }));
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: SYNCHRONOUS_LEVELS[level] ?? `unknown(${level})`,
    busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
  };
}

/** Throws unless the connection commits with synchronous=FULL (read back, not assumed). */
export function assertSynchronousFull(db: SqliteDatabase): void {
  const { synchronous } = readDurability(db);
  if (synchronous !== 'FULL') {
    throw new Error(
      `embedded event store: PRAGMA synchronous is ${synchronous}, expected FULL; ` +
        'refusing to start, because committed appends could be lost on power failure',
    );
  }
}

function configure(db: SqliteDatabase, inMemory: boolean): void {
  const journalMode = db.pragma('journal_mode = WAL', { simple: true });
  if (!inMemory && journalMode !== 'wal') {
    throw new Error(`embedded event store: could not switch ${db.name} to WAL (journal_mode is ${String(journalMode)})`);
  }
  // After journal_mode: switching to WAL would otherwise apply the build's WAL default.
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Throughput only, durability unchanged: checkpoint every 64 MB of WAL instead of 4 MB, 256 MB page cache.
  db.pragma('wal_autocheckpoint = 16384');
  db.pragma('cache_size = -262144');
  assertSynchronousFull(db);
}

/**
 * Creates the schema in a new file, or checks it. Every store also gets a random non-zero 32-bit
 * identity in application_id (a store created before identities gets one at its next start):
 * what tells its WAL from another store's (check-store-files.ts).
 */
function migrate(db: SqliteDatabase): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version === SCHEMA_VERSION) {
    if (Number(db.pragma('application_id', { simple: true })) === 0 && !db.memory) setStoreIdentity(db);
    return;
  }
  if (version !== 0) {
    throw new StoreFileError(db.name, `the database has schema version ${version}; this orgtrail knows version ${SCHEMA_VERSION}`, 'start the orgtrail version that wrote it, or a newer one');
  }
  db.transaction(() => {
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
  if (!db.memory) setStoreIdentity(db);
}

/**
 * Gives the store a random non-zero 32-bit identity (0 means none) and checkpoints, so that the
 * database file carries it before any WAL frame that the identity check reads is written. Also
 * what a restore does to its copy: a restored store is a store of its own, and the WAL of the
 * store the backup came from is foreign to it.
 */
export function setStoreIdentity(db: SqliteDatabase): void {
  db.pragma(`application_id = ${randomInt(1, 2 ** 32) | 0}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
}
