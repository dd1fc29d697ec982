/**
 * Catch-up subscription to all events of the embedded store.
 *
 * Guarantees: events are delivered in position order, each exactly once, without gaps, from
 * history into live alike. There is no separate live feed to switch to: the subscription only
 * ever reads the table forwards from the position of the last event it delivered, one page
 * at a time, and waits for a commit signal when it has caught up. An append that commits
 * while it pages through history is simply found by a later page. Memory is bounded by one
 * page whatever the consumer's speed: nothing is read before the consumer asks.
 */
import type { RecordedEvent, Subscription } from '../event-store.ts';
import type { CommitSignal, CommitWait } from './commit-signal.ts';
import type { EventTable } from './event-table.ts';

const PAGE_SIZE = 1_000;

export class SqliteSubscription implements Subscription {
  #lastPosition: number;
  #page: RecordedEvent[] = [];
  #nextInPage = 0;
  #closed = false;
  #wait: CommitWait | undefined;
  /** Serialises next() calls, so that concurrent callers cannot receive one event twice. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #table: EventTable;
  readonly #signal: CommitSignal;
  readonly #onClose: () => void;

  constructor(table: EventTable, signal: CommitSignal, afterPosition: number, onClose: () => void) {
    this.#table = table;
    this.#signal = signal;
    this.#lastPosition = afterPosition;
    this.#onClose = onClose;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: () => {
        const result = this.#queue.then(() => this.#next());
        this.#queue = result.catch(() => undefined);
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
    this.#page = [];
    this.#wait?.cancel();
    this.#onClose();
  }

  async #next(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.#closed) {
      const event = this.#page[this.#nextInPage];
      if (event !== undefined) {
        this.#nextInPage += 1;
        this.#lastPosition = event.position;
        return { done: false, value: event };
      }
      this.#page = this.#table.readAllForwards(this.#lastPosition, PAGE_SIZE);
      this.#nextInPage = 0;
      // Registering the wait right after an empty read, in the same synchronous step, means
      // no commit can slip in between: this process commits only in its own event-loop tasks.
      if (this.#page.length === 0) await this.#waitForCommit();
    }
    return { done: true, value: undefined };
  }

  async #waitForCommit(): Promise<void> {
    this.#wait = this.#signal.next();
    await this.#wait.promise;
    this.#wait = undefined;
  }
}
