/**
 * Records an IntegrityCheckpointRecorded event (v2, stream `audit-checkpoints`) every
 * `everyEvents` appended events and/or every `intervalMs` if anything was appended since the last
 * one. A checkpoint binds the log digest, the number of events and of streams up to one position
 * and the heads of the streams (log-fold.ts): all of them in a full checkpoint, those changed
 * since the previous checkpoint in a delta (when each kind is written: checkpoint-chain.ts), so
 * that verifyLog detects a removed stream or a truncated tail even where positions may have gaps,
 * and changed positions or recordedAt anywhere before it.
 *
 * Guarantees:
 * - a checkpoint is a consistent cut: the state folded from the store's own subscription up to
 *   exactly `coversPosition` (never a mix of in-flight appends);
 * - one checkpoint at a time, and each covers the previous one (it is appended with the
 *   revision of the last checkpoint the fold has seen; if another instance sharing the store
 *   appended one meanwhile, this one is skipped);
 * - events of the checkpoint stream itself do not count towards `everyEvents`, and the timer
 *   records nothing when nothing else was appended: an idle store stays idle;
 * - on start it resumes from the last full checkpoint and the deltas after it
 *   (resume-from-checkpoints.ts; no full re-read of the log unless one of them is invalid);
 * - failures to record (e.g. the store closing) are logged, never thrown into the app; a failed
 *   subscription (e.g. an EventStoreDB outage) is logged and resumed where it stopped.
 * Timing is asynchronous: the checkpoint for the Nth event is appended shortly after it, not
 * within its append. `settled()` waits for it (tests); the scheduler is injectable.
 */
import { randomUUID } from 'node:crypto';
import { SYSTEM_STREAMS, validateSystemEvent } from '../../events/system-catalogue.ts';
import type { IntegrityCheckpointRecordedV2 } from '../../events/system/types.ts';
import { WrongExpectedRevisionError } from '../errors.ts';
import type { EventStore, RecordedEvent, Subscription } from '../store/event-store.ts';
import { CheckpointChain } from './checkpoint-chain.ts';
import { LogFold } from './log-fold.ts';
import { resumeFromCheckpoints } from './resume-from-checkpoints.ts';

export interface Scheduler {
  /** Runs `task` every `ms` milliseconds until cancelled. */
  every(ms: number, task: () => void): { cancel(): void };
}

/** Node timers, unref'd: a pending checkpoint never keeps the process alive. */
export const timerScheduler: Scheduler = {
  every(ms, task) {
    const timer = setInterval(task, ms);
    timer.unref();
    return { cancel: () => clearInterval(timer) };
  },
};

export interface CheckpointerOptions {
  /** The hash-chained store (so that checkpoints are chained too). */
  store: EventStore;
  /** Record after this many appended events; 0: never by count. */
  everyEvents: number;
  /** Record this often when something was appended; 0: never by time. */
  intervalMs: number;
  scheduler?: Scheduler;
  log?: (line: string) => void;
  /** Wait before subscribing again after the subscription failed (default 1000 ms). */
  retryMs?: number;
  /** Bytes of heads one checkpoint may list (default MAX_CHECKPOINT_BYTES, under EventStoreDB's 1 MiB append limit; tests lower it). */
  maxCheckpointBytes?: number;
  /**
   * `start()` resolves once resumed and subscribed, and the fold catches up with the head in the
   * background (the service's start-up: a fresh copy without checkpoints folds its whole log,
   * some 12 s at a million events, which must not delay the first answer). Default false:
   * `start()` resolves once the fold reached the head.
   */
  catchUpInBackground?: boolean;
}

const CHECKPOINT_STREAM = SYSTEM_STREAMS.integrityCheckpoints;
/** A background catch-up gives up the event loop after this long (ms) of folding. */
const BACKGROUND_SLICE_MS = 10;

interface Waiter {
  position: number;
  resolve(): void;
}

export class Checkpointer {
  readonly #store: EventStore;
  readonly #options: CheckpointerOptions;
  #fold = new LogFold();
  #chain = new CheckpointChain();
  /** Events other than checkpoints folded since the last checkpoint's cut. */
  #uncovered = 0;
  #subscription: Subscription | undefined;
  #running: Promise<void> | undefined;
  #timer: { cancel(): void } | undefined;
  #inFlight: Promise<IntegrityCheckpointRecordedV2 | null> | undefined;
  #waiters: Waiter[] = [];
  /** Ids of the checkpoints this instance validated and is appending (or appended), until its fold meets them. */
  readonly #appendedIds = new Set<string>();
  #stopped = false;
  #wakeUp: (() => void) | undefined;
  /** The last attempt found no checkpoint within the size bound (checkpoint-chain.ts). */
  #oversize = false;
  /** Position of the last checkpoint event: the next checkpoint must cover it. */
  #lastCheckpointAt = -1;
  /**
   * The store's head when started: until the fold reaches it, nothing is recorded. A checkpoint
   * appended at the head must cover about up to there (verifyLog refuses one covering more than
   * 100,000 events before itself, or before the checkpoint preceding it), not the historical cut
   * the fold happens to be at.
   */
  #catchUpTo = -1;

  constructor(options: CheckpointerOptions) {
    this.#store = options.store;
    this.#options = options;
  }

  /** Resumes from the last checkpoints, subscribes, and resolves once the fold reached the head (unless `catchUpInBackground`). */
  async start(): Promise<void> {
    const startedAt = performance.now();
    const resumed = await resumeFromCheckpoints(this.#store, this.#options.log);
    this.#fold = resumed.fold;
    this.#chain = resumed.chain;
    this.#lastCheckpointAt = resumed.lastCheckpointAt;
    const head = await this.#store.headPosition();
    this.#catchUpTo = head;
    this.#running = this.#follow();
    const { intervalMs } = this.#options;
    if (intervalMs > 0) {
      this.#timer = (this.#options.scheduler ?? timerScheduler).every(intervalMs, () => {
        if (this.#uncovered > 0) this.#record();
      });
    }
    const caughtUp = this.#reached(head);
    if (!this.#options.catchUpInBackground) return caughtUp;
    const from = this.#fold.position;
    void caughtUp.then(() => {
      const seconds = (performance.now() - startedAt) / 1000;
      // Only a long catch-up is worth a line (a fresh copy, or checkpoints that could not be resumed from).
      if (!this.#stopped && seconds >= 1) this.#options.log?.(`checkpointer: folded the log from position ${from} to ${head} in the background in ${seconds.toFixed(1)} s`);
    });
  }

  /** Records a checkpoint now if any event is not yet covered by one; returns its data, or null. */
  async recordNow(): Promise<IntegrityCheckpointRecordedV2 | null> {
    await this.settled();
    if (this.#uncovered === 0) return null;
    return this.#record();
  }

  /** Resolves once the fold reached the store's head and no checkpoint is being recorded. */
  async settled(): Promise<void> {
    for (;;) {
      await this.#reached(await this.#store.headPosition());
      const inFlight = this.#inFlight;
      if (inFlight === undefined) return;
      await inFlight;
    }
  }

  /** Cancels the timer, ends the subscription, and lets a checkpoint being appended finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#timer?.cancel();
    await this.#subscription?.close();
    this.#wakeUp?.();
    await this.#running;
    await this.#inFlight;
  }

  /** Folds the log from the store's subscription; subscribes again after a failure, where it stopped. */
  async #follow(): Promise<void> {
    try {
      await this.#followUntilStopped();
    } finally {
      // Stopped: the fold moves no further, so nobody may wait for it.
      for (const waiter of this.#waiters.splice(0)) waiter.resolve();
    }
  }

  async #followUntilStopped(): Promise<void> {
    while (!this.#stopped) {
      try {
        const subscription = this.#store.subscribeToAll({ afterPosition: this.#fold.position });
        this.#subscription = subscription;
        let sliceStarted = performance.now();
        for await (const event of subscription) {
          this.#apply(event);
          // The embedded store's catch-up delivers history without a macrotask between events: a
          // background fold of a whole log would hold the event loop for seconds. Let others in.
          if (this.#options.catchUpInBackground && performance.now() - sliceStarted > BACKGROUND_SLICE_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            sliceStarted = performance.now();
          }
        }
        if (this.#stopped) return;
        throw new Error('the subscription ended');
      } catch (error) {
        if (this.#stopped) return;
        const retryMs = this.#options.retryMs ?? 1_000;
        this.#options.log?.(`checkpointer: the subscription failed (${error instanceof Error ? error.message : String(error)}); subscribing again in ${retryMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, retryMs);
          timer.unref();
          this.#wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  #apply(event: RecordedEvent): void {
    this.#fold.apply(event);
    this.#chain.noteEvent(event.streamId, event.position);
    if (event.streamId === CHECKPOINT_STREAM) {
      this.#chain.noteCheckpoint(event, this.#appendedIds.delete(event.id));
    } else {
      this.#uncovered += 1;
    }
    this.#release();
    if (this.#due()) this.#record();
  }

  /** Every `everyEvents` events, or early once a delta would grow past half the size bound. */
  #due(): boolean {
    if (this.#fold.position < this.#catchUpTo) return false;
    const { everyEvents } = this.#options;
    return (everyEvents > 0 && this.#uncovered >= everyEvents) || (!this.#oversize && this.#uncovered > 0 && this.#chain.deltaIsDue(this.#options.maxCheckpointBytes));
  }

  /** Starts recording unless a recording is in flight (which will check again when done); resolves with its data (null: none). */
  #record(): Promise<IntegrityCheckpointRecordedV2 | null> {
    if (this.#stopped || this.#fold.position < this.#lastCheckpointAt || this.#fold.position < this.#catchUpTo) return Promise.resolve(null);
    this.#inFlight ??= this.#recordOne().finally(() => {
      this.#inFlight = undefined;
      if (this.#due()) this.#record();
    });
    return this.#inFlight;
  }

  async #recordOne(): Promise<IntegrityCheckpointRecordedV2 | null> {
    const data = this.#chain.next(this.#fold, this.#options.maxCheckpointBytes);
    this.#uncovered = 0;
    if ('tooLarge' in data) {
      // Tried again after the next everyEvents or interval, not at every event.
      this.#oversize = true;
      this.#options.log?.(`integrity checkpoint at position ${this.#fold.position} not recorded: ${data.tooLarge}`);
      return null;
    }
    this.#oversize = false;
    const event = validateSystemEvent({
      type: 'IntegrityCheckpointRecorded',
      data,
      metadata: { schemaVersion: 2, recordedBy: 'system:checkpointer', correlationId: `checkpoint-${data.coversPosition}`, causationId: null },
    });
    // Exactly after the last checkpoint this fold has seen: so each checkpoint covers the one
    // before it, even when several instances share one EventStoreDB.
    // (A delta names the checkpoint stream only if it changed since the previous cut: read the fold.)
    const expectedRevision = this.#fold.heads.get(CHECKPOINT_STREAM)?.revision ?? 'no_stream';
    const id = randomUUID();
    this.#appendedIds.add(id);
    try {
      const result = await this.#store.append(CHECKPOINT_STREAM, [{ id, ...event }], { expectedRevision });
      this.#lastCheckpointAt = result.position;
      await this.#reached(result.position);
    } catch (error) {
      this.#appendedIds.delete(id);
      // Another instance recorded a checkpoint meanwhile: it covers about as much; skip this one.
      // Either way the chain is unchanged: the next delta follows the last checkpoint in the log.
      if (!(error instanceof WrongExpectedRevisionError)) this.#options.log?.(`integrity checkpoint at position ${data.coversPosition} not recorded: ${String(error)}`);
    }
    return data;
  }

  #reached(position: number): Promise<void> {
    if (this.#stopped || this.#fold.position >= position) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ position, resolve }));
  }

  #release(): void {
    const reached = this.#fold.position;
    const ready = this.#waiters.filter((w) => w.position <= reached);
    if (ready.length === 0) return;
    this.#waiters = this.#waiters.filter((w) => w.position > reached);
    for (const waiter of ready) waiter.resolve();
  }
}
