/**
 * Group commit: the appends made within one turn of the event loop are committed together in
 * ONE SQLite transaction, i.e. one WAL fsync, which is what makes durable appends fast.
 *
 * Guarantees:
 * - Appends are applied in call order, each in its own savepoint: one that fails (e.g. its
 *   expected revision) is rolled back alone and the others of the group still commit.
 * - A promise settles only after COMMIT returned: a resolved append is durable and visible
 *   to every later read.
 * - If the transaction itself fails (BEGIN, COMMIT, I/O), every append of the group rejects
 *   and none of the group is visible. A full disk rejects them with StorageFullError
 *   (sqlite-failure.ts); the next group is tried afresh, so appends succeed again as soon as
 *   space is freed.
 * - recordedAt is taken once per transaction from the clock, and never earlier than the
 *   recordedAt of the last stored event, so it never decreases as position grows.
 */
import type { AppendResult } from '../event-store.ts';
import { appendToStream, type AppendRequest } from './append-to-stream.ts';
import type { EventTable } from './event-table.ts';
import type { SqliteDatabase } from './open-event-database.ts';
import { translateSqliteFailure } from './sqlite-failure.ts';

interface PendingAppend {
  request: AppendRequest;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

export class GroupCommitQueue {
  #pending: PendingAppend[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  #transactions = 0;
  readonly #commitGroup: (group: PendingAppend[]) => Outcome[];
  readonly #onCommitted: () => void;

  /** `inEveryTransaction`: run first in each group's transaction (the store stamps its identity there). */
  constructor(db: SqliteDatabase, table: EventTable, clock: () => Date, onCommitted: () => void, inEveryTransaction: () => void = () => {}) {
    this.#onCommitted = onCommitted;
    const inSavepoint = db.transaction((request: AppendRequest, recordedAt: string) => appendToStream(table, request, recordedAt));
    // An append of one event needs no savepoint of its own: before its one INSERT it only reads,
    // and a failing statement is rolled back by SQLite as a whole, so it leaves nothing behind.
    // An append of several events gets one, so that a failure after its first INSERT undoes them all.
    const appendInSavepoint = (request: AppendRequest, recordedAt: string): AppendResult =>
      request.events.length > 1 ? inSavepoint(request, recordedAt) : appendToStream(table, request, recordedAt);
    this.#commitGroup = db.transaction((group: PendingAppend[]): Outcome[] => {
      inEveryTransaction();
      const recordedAt = commitInstant(clock, table.lastRecordedAt());
      return group.map(({ request }): Outcome => {
        try {
          return { ok: true, result: appendInSavepoint(request, recordedAt) };
        } catch (error) {
          // SQLite may abort the whole transaction on some errors (e.g. SQLITE_FULL):
          // then no later append of the group may run outside of it.
          if (!db.inTransaction) throw error;
          return { ok: false, error };
        }
      });
    }).immediate;
  }

  /** Transactions committed so far (for tests and metrics). */
  get transactions(): number {
    return this.#transactions;
  }

  enqueue(request: AppendRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ request, resolve, reject });
      this.#scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits, synchronously, every append enqueued so far. */
  flush(): void {
    if (this.#scheduled !== undefined) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    const group = this.#pending;
    this.#pending = [];
    if (group.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.#commitGroup(group);
    } catch (error) {
      const failure = translateSqliteFailure(error);
      for (const append of group) append.reject(failure);
      return;
    }
    this.#transactions += 1;
    group.forEach((append, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) append.resolve(outcome.result);
      else append.reject(translateSqliteFailure(outcome?.error));
    });
    this.#onCommitted();
  }
}

/** The clock's instant, or the last recorded one if the clock went backwards; ISO UTC with ms. */
export function commitInstant(clock: () => Date, lastRecordedAt: string | null): string {
  const now = clock().getTime();
  if (!Number.isFinite(now)) throw new RangeError('embedded event store: the clock returned an invalid Date');
  const last = lastRecordedAt === null ? -Infinity : Date.parse(lastRecordedAt);
  return new Date(Math.max(now, last)).toISOString();
}
