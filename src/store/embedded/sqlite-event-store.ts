/**
 * The embedded event store (the default adapter): one SQLite file in WAL mode with
 * synchronous=FULL, written by one process at a time.
 *
 * Guarantees: append() resolves only once its events are durable (group commit, see
 * group-commit.ts); positions are global, strictly increasing and never reused; recordedAt is
 * set by the store at commit and never decreases as position grows; expected revisions and
 * idempotency follow EventStoreDB (see append-to-stream.ts); subscriptions deliver every event
 * once, in order (see sqlite-subscription.ts).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.ts';
import { prepareAppendRequest } from './append-to-stream.ts';
import { CommitSignal } from './commit-signal.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { createEventTable, type EventTable } from './event-table.ts';
import { GroupCommitQueue } from './group-commit.ts';
import { checkStoreFiles, StoreFileError } from './check-store-files.ts';
import { openEventDatabase, readDurability, SCHEMA_VERSION, type Durability, type SqliteDatabase } from './open-event-database.ts';
import { SqliteSubscription } from './sqlite-subscription.ts';

export { DataDirLockedError } from './data-dir-lock.ts';
export { StoreFileError } from './check-store-files.ts';

export interface SqliteEventStoreOptions {
  /** Folder holding orgtrail.sqlite and orgtrail.lock; created if missing. */
  dataDir?: string;
  /** Database file instead of <dataDir>/orgtrail.sqlite; ':memory:' for a throw-away store without lock. */
  file?: string;
  /** Source of recordedAt (system time). */
  clock?: () => Date;
  /** Told of what start-up repaired on its own (a stale lock taken over). */
  log?: (line: string) => void;
}

export interface SqliteEventStore extends EventStore {
  readonly kind: 'embedded';
  /** Group-commit transactions committed since open (for tests and metrics). */
  readonly committedTransactions: number;
  /** The connection's durability settings, read back from SQLite. */
  durability(): Durability;
  /**
   * Sets SQLite's max_page_count on the store's connection and returns the limit applied (never
   * below the file's current size). Appends that would grow the file past it fail exactly as on
   * a full disk (StorageFullError): the full-disk tests' fault injection, or a size quota.
   */
  setMaxPageCount(pages: number): number;
  /**
   * append(), with every event hash-chained onto the stream's head inside the append's own write
   * transaction (append-to-stream.ts); what src/audit/hash-chained-store.ts uses for this store.
   */
  appendChained(streamId: string, events: EventToAppend[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
}

export class EventStoreClosedError extends Error {
  constructor() {
    super('the embedded event store is closed');
    this.name = 'EventStoreClosedError';
  }
}

const POLL_INTERVAL_MS = 1_000;

/**
 * Opens (creating if needed) the store. Async like the EventStoreDB adapter's factory, so that
 * callers treat both alike; every failure (lock held, a bad file or data directory, see
 * check-store-files.ts, synchronous not FULL) rejects with an error saying what to do, having
 * changed nothing.
 */
export async function createSqliteEventStore(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
  const file = options.file ?? (options.dataDir === undefined ? undefined : join(options.dataDir, 'orgtrail.sqlite'));
  if (file === undefined) throw new TypeError('createSqliteEventStore: dataDir or file is required');
  const inMemory = file === ':memory:';
  const lock = inMemory ? undefined : lockDataDir(dirname(file), options.log);
  try {
    if (!inMemory) checkStoreFiles(file, SCHEMA_VERSION);
    return new EmbeddedStore(openEventDatabase(file), options.clock ?? (() => new Date()), lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * Rewrites the store's identity (application_id, in the header page) in every transaction, so
 * that every commit in the WAL carries a page-1 image naming its store: what lets a WAL copied
 * from another store be told apart before SQLite applies it (check-store-files.ts). One page
 * more per transaction, no fsync more. Nothing for a store without identity (in memory).
 */
function identityStamp(db: SqliteDatabase): () => void {
  const id = Number(db.pragma('application_id', { simple: true }));
  if (id === 0) return () => {};
  const stamp = db.prepare(`PRAGMA application_id = ${id}`);
  return () => stamp.run();
}

/**
 * Creates the data directory if missing and takes its lock; a path that is not a usable
 * directory (a file, read-only, no space for the lock) refuses with a StoreFileError naming it.
 */
function lockDataDir(dataDir: string, log: ((line: string) => void) | undefined): DataDirLock {
  const lockPath = join(dataDir, 'orgtrail.lock');
  try {
    if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) throw new StoreFileError(dataDir, 'the data directory is a file, not a directory', 'point ORGTRAIL_DATA_DIR at a directory, or move the file away');
    mkdirSync(dataDir, { recursive: true });
    return acquireDataDirLock(lockPath, log);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') throw new StoreFileError(dataDir, `the data directory is not writable (${String(code)})`, 'make it writable by the user orgtrail runs as, or point ORGTRAIL_DATA_DIR elsewhere');
    if (code === 'ENOSPC') throw new StoreFileError(dataDir, 'no space left to create the lock file', 'free some space on its disk');
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new StoreFileError(dataDir, 'a part of the data directory\'s path is a file', 'point ORGTRAIL_DATA_DIR at a directory');
    throw error;
  }
}

class EmbeddedStore implements SqliteEventStore {
  readonly kind = 'embedded';
  readonly #db: SqliteDatabase;
  readonly #table: EventTable;
  readonly #signal = new CommitSignal(POLL_INTERVAL_MS);
  readonly #commits: GroupCommitQueue;
  readonly #subscriptions = new Set<SqliteSubscription>();
  readonly #lock: DataDirLock | undefined;
  #closed = false;

  constructor(db: SqliteDatabase, clock: () => Date, lock: DataDirLock | undefined) {
    this.#db = db;
    this.#lock = lock;
    this.#table = createEventTable(db);
    this.#commits = new GroupCommitQueue(db, this.#table, clock, () => this.#signal.notify(), identityStamp(db));
  }

  get committedTransactions(): number {
    return this.#commits.transactions;
  }

  durability(): Durability {
    this.#assertOpen();
    return readDurability(this.#db);
  }

  setMaxPageCount(pages: number): number {
    this.#assertOpen();
    if (!Number.isSafeInteger(pages) || pages < 1) throw new RangeError(`setMaxPageCount: ${pages} is not a page count`);
    return Number(this.#db.pragma(`max_page_count = ${pages}`, { simple: true }));
  }

  async append(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.#assertOpen();
    return this.#commits.enqueue(prepareAppendRequest(streamId, events, options.expectedRevision));
  }

  async appendChained(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.#assertOpen();
    return this.#commits.enqueue(prepareAppendRequest(streamId, events, options.expectedRevision, true));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    const limit = options.maxCount ?? -1;
    return options.direction === 'backwards'
      ? this.#table.readStreamBackwards(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
      : this.#table.readStreamForwards(streamId, options.fromRevision ?? 0, limit);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    const limit = options.maxCount ?? -1;
    return options.direction === 'backwards'
      ? this.#table.readAllBackwards(options.fromPosition ?? Number.MAX_SAFE_INTEGER, limit)
      : this.#table.readAllForwards(options.fromPosition ?? -1, limit);
  }

  async streamRevision(streamId: string): Promise<number | null> {
    this.#assertOpen();
    return this.#table.streamRevision(streamId);
  }

  async headPosition(): Promise<number> {
    this.#assertOpen();
    return this.#table.headPosition();
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.#assertOpen();
    const subscription = new SqliteSubscription(
      this.#table,
      this.#signal,
      options.afterPosition ?? -1,
      () => this.#subscriptions.delete(subscription),
      this.#db.memory ? undefined : this.#db.name,
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /** Commits the appends already made, ends every subscription, then closes the file and frees the lock. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#commits.flush();
      await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
      this.#signal.close();
      this.#db.close();
    } finally {
      this.#lock?.release();
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new EventStoreClosedError();
  }
}
