/**
 * Catch-up subscription to all events of the embedded store.
 *
 * Guarantees: events are delivered in position order, each exactly once, without gaps, from
 * history into live alike. There is no separate live feed to switch to: the subscription only
 * ever reads the table forwards from the position of the last event it delivered, one page
 * at a time, and waits for a commit signal when it has caught up. An append that commits
 * while it pages through history is simply found by a later page. Memory is bounded by one
 * page whatever the consumer's speed: nothing is read before the consumer asks.
 *
 * History (everything up to the first page that is not full) is read through a read-only
 * connection of the subscription's own, closed as soon as it has caught up. A catch-up reads
 * the whole table once: on the store's connection it would fill the store's page cache
 * (256 MB, kept for appends) with pages no append needs, and keep them resident. WAL readers
 * see whole commits only, so both connections give the same answer for the same position.
 * History pages are read as raw rows (as every read of the event table is), and a row is parsed
 * only when its event is delivered, so that a page's parsed events need not all stay alive
 * while the consumer works through it.
 */
import Database from 'better-sqlite3';
import type { RecordedEvent, Subscription } from '../event-store.ts';
import type { CommitSignal, CommitWait } from './commit-signal.ts';
import { ALL_FORWARDS_SQL, recordedEventOf, type EventTable, type RawEventRow } from './event-table.ts';

const PAGE_SIZE = 1_000;

/** Events of one read, in position order: an array of them, or rows parsed on delivery. */
interface Page {
  readonly length: number;
  at(index: number): RecordedEvent | undefined;
}

const EMPTY_PAGE: Page = [];

export class SqliteSubscription implements Subscription {
  #lastPosition: number;
  #page: Page = EMPTY_PAGE;
  #nextInPage = 0;
  #closed = false;
  #wait: CommitWait | undefined;
  /** Serialises the next() calls that have to wait, so that concurrent callers cannot receive one event twice. */
  #queue: Promise<unknown> = Promise.resolve();
  /** next() calls queued and not yet settled: while there is one, every call queues behind it. */
  #queued = 0;
  /** The database file to read history from, until caught up; undefined for an in-memory store. */
  #historyFile: string | undefined;
  #history: HistoryReader | undefined;
  readonly #table: EventTable;
  readonly #signal: CommitSignal;
  readonly #onClose: () => void;

  constructor(table: EventTable, signal: CommitSignal, afterPosition: number, onClose: () => void, historyFile?: string) {
    this.#table = table;
    this.#signal = signal;
    this.#lastPosition = afterPosition;
    this.#onClose = onClose;
    this.#historyFile = historyFile;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: () => {
        // An event already read, or a page that can be read now, is delivered without a detour through the queue.
        if (this.#queued === 0) {
          try {
            const event = this.#nextAvailable();
            if (event !== undefined) return Promise.resolve({ done: false, value: event });
          } catch (error) {
            return Promise.reject(error);
          }
        }
        this.#queued += 1;
        const result = this.#queue.then(() => this.#next());
        this.#queue = result.catch(() => undefined).finally(() => (this.#queued -= 1));
        return result;
      },
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  /** Ends the iteration: a pending or later next() returns done. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#page = EMPTY_PAGE;
    this.#closeHistory();
    this.#wait?.cancel();
    this.#onClose();
  }

  async #next(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.#closed) {
      const event = this.#nextAvailable();
      if (event !== undefined) return { done: false, value: event };
      // #nextAvailable() read an empty page in this same synchronous step, so registering the
      // wait now means no commit can slip in between: this process commits only in its own event-loop tasks.
      if (!this.#closed) await this.#waitForCommit();
    }
    return { done: true, value: undefined };
  }

  /** The next event of the page, reading the next page if this one is used up; undefined when caught up (or closed). */
  #nextAvailable(): RecordedEvent | undefined {
    if (this.#closed) return undefined;
    if (this.#nextInPage >= this.#page.length) {
      this.#page = this.#readPage();
      this.#nextInPage = 0;
    }
    const event = this.#page.at(this.#nextInPage);
    if (event === undefined) return undefined;
    this.#nextInPage += 1;
    this.#lastPosition = event.position;
    return event;
  }

  #readPage(): Page {
    if (this.#historyFile === undefined) return this.#table.readAllForwards(this.#lastPosition, PAGE_SIZE);
    this.#history ??= new HistoryReader(this.#historyFile);
    const page = this.#history.readAllForwards(this.#lastPosition, PAGE_SIZE);
    if (page.length === PAGE_SIZE) return page;
    this.#closeHistory();
    return page.length > 0 ? page : this.#table.readAllForwards(this.#lastPosition, PAGE_SIZE);
  }

  #closeHistory(): void {
    this.#historyFile = undefined;
    this.#history?.close();
    this.#history = undefined;
  }

  async #waitForCommit(): Promise<void> {
    this.#wait = this.#signal.next();
    await this.#wait.promise;
    this.#wait = undefined;
  }
}

/** A read-only connection reading events forwards by position with the event table's query and row shape (event-table.ts). */
class HistoryReader {
  readonly #db: Database.Database;
  readonly #forwards: Database.Statement<[number, number], RawEventRow>;

  constructor(file: string) {
    this.#db = new Database(file, { readonly: true, fileMustExist: true });
    this.#forwards = this.#db.prepare<[number, number], RawEventRow>(ALL_FORWARDS_SQL).raw(true);
  }

  /** Events with position > afterPosition, ascending; each row is parsed when asked for (once). */
  readAllForwards(afterPosition: number, limit: number): Page {
    const rows = this.#forwards.all(afterPosition, limit);
    return {
      length: rows.length,
      at(index) {
        const row = rows[index];
        return row === undefined ? undefined : recordedEventOf(row);
      },
    };
  }

  close(): void {
    this.#db.close();
  }
}
