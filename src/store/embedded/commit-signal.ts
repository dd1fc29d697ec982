/**
 * Wakes live subscriptions: at once after each commit of this store, and at least every
 * poll interval as a fallback for events written to the file by another connection.
 * A wake-up only means "read again"; subscriptions never receive events through it, so a
 * missed or spurious wake-up can delay delivery but never lose or duplicate an event.
 */
export interface CommitWait {
  promise: Promise<void>;
  /** Resolves the wait now (e.g. when its subscription closes). */
  cancel(): void;
}

export class CommitSignal {
  readonly #waiters = new Set<() => void>();
  readonly #timer: NodeJS.Timeout;

  constructor(pollIntervalMs: number) {
    this.#timer = setInterval(() => this.notify(), pollIntervalMs);
    // An idle subscription does not keep the process alive; its consumer decides that.
    this.#timer.unref();
  }

  /** A wait that resolves at the next commit or poll tick. */
  next(): CommitWait {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => {
      wake = () => {
        this.#waiters.delete(wake);
        resolve();
      };
    });
    this.#waiters.add(wake);
    return { promise, cancel: wake };
  }

  notify(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  close(): void {
    clearInterval(this.#timer);
    this.notify();
  }
}
