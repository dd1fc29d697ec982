/**
 * Records an IntegrityCheckpointRecorded event (stream `audit-checkpoints`) every `everyEvents`
 * appended events and/or every `intervalMs` if anything was appended since the last one. A
 * checkpoint binds the heads of all streams and the log digest up to one position (log-fold.ts),
 * so that verifyLog detects a removed stream or a truncated tail even where positions may have
 * gaps, and changed positions or recordedAt anywhere before it.
 *
 * Guarantees:
 * - a checkpoint is a consistent cut: the state folded from the store's own subscription up to
 *   exactly `coversPosition` (never a mix of in-flight appends);
 * - one checkpoint at a time, and each covers the previous one (it is appended with the
 *   revision of the last checkpoint the fold has seen; if another instance sharing the store
 *   appended one meanwhile, this one is skipped);
 * - events of the checkpoint stream itself do not count towards `everyEvents`, and the timer
 *   records nothing when nothing else was appended: an idle store stays idle;
 * - on start it resumes from the last checkpoint (no full re-read of the log);
 * - failures to record (e.g. the store closing) are logged, never thrown into the app; a failed
 *   subscription (e.g. an EventStoreDB outage) is logged and resumed where it stopped.
 * Timing is asynchronous: the checkpoint for the Nth event is appended shortly after it, not
 * within its append. `settled()` waits for it (tests); the scheduler is injectable.
 */
import { randomUUID } from 'node:crypto';
import { SYSTEM_STREAMS, validateSystemEvent } from '../../events/system-catalogue.ts';
import type { IntegrityCheckpointRecorded } from '../../events/system/types.ts';
import { WrongExpectedRevisionError } from '../errors.ts';
import type { EventStore, RecordedEvent, Subscription } from '../store/event-store.ts';
import { LogFold } from './log-fold.ts';

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
}

const CHECKPOINT_STREAM = SYSTEM_STREAMS.integrityCheckpoints;

interface Waiter {
  position: number;
  resolve(): void;
}

export class Checkpointer {
  readonly #store: EventStore;
  readonly #options: CheckpointerOptions;
  #fold = new LogFold();
  /** Events other than checkpoints folded since the last checkpoint's cut. */
  #uncovered = 0;
  #subscription: Subscription | undefined;
  #running: Promise<void> | undefined;
  #timer: { cancel(): void } | undefined;
  #inFlight: Promise<void> | undefined;
  #waiters: Waiter[] = [];
  #stopped = false;
  #wakeUp: (() => void) | undefined;
  /** Position of the last checkpoint event: the next checkpoint must cover it. */
  #lastCheckpointAt = -1;

  constructor(options: CheckpointerOptions) {
    this.#store = options.store;
    this.#options = options;
  }

  /** Resumes from the last checkpoint, subscribes, and resolves once the fold reached the head. */
  async start(): Promise<void> {
    const last = await this.#lastCheckpointEvent();
    this.#fold = new LogFold(last?.data);
    this.#lastCheckpointAt = last?.position ?? -1;
    const head = await this.#store.headPosition();
    this.#running = this.#follow();
    const { intervalMs } = this.#options;
    if (intervalMs > 0) {
      this.#timer = (this.#options.scheduler ?? timerScheduler).every(intervalMs, () => {
        if (this.#uncovered > 0) this.#record();
      });
    }
    await this.#reached(head);
  }

  /** The last checkpoint; one that does not match its schema is not resumed from (the whole log is folded; verifyLog reports it). */
  async #lastCheckpointEvent(): Promise<{ data: IntegrityCheckpointRecorded | undefined; position: number } | undefined> {
    const [last] = await this.#store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
    if (last === undefined) return undefined;
    try {
      const event = validateSystemEvent(last);
      return { data: event.type === 'IntegrityCheckpointRecorded' ? event.data : undefined, position: last.position };
    } catch (error) {
      this.#options.log?.(`checkpointer: the checkpoint at position ${last.position} is invalid (${String(error)}); folding the whole log`);
      return { data: undefined, position: last.position };
    }
  }

  /** Records a checkpoint now if any event is not yet covered by one; returns its data, or null. */
  async recordNow(): Promise<IntegrityCheckpointRecorded | null> {
    await this.settled();
    if (this.#uncovered === 0) return null;
    const data = this.#fold.checkpoint();
    await this.#record();
    return data;
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
        for await (const event of subscription) this.#apply(event);
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
    if (event.streamId !== CHECKPOINT_STREAM) this.#uncovered += 1;
    this.#release();
    const { everyEvents } = this.#options;
    if (everyEvents > 0 && this.#uncovered >= everyEvents) this.#record();
  }

  /** Starts recording unless a recording is in flight (which will check again when done). */
  #record(): Promise<void> {
    if (this.#stopped || this.#fold.position < this.#lastCheckpointAt) return Promise.resolve();
    this.#inFlight ??= this.#recordOne().finally(() => {
      this.#inFlight = undefined;
      const { everyEvents } = this.#options;
      if (everyEvents > 0 && this.#uncovered >= everyEvents) this.#record();
    });
    return this.#inFlight;
  }

  async #recordOne(): Promise<void> {
    const data = this.#fold.checkpoint();
    this.#uncovered = 0;
    const event = validateSystemEvent({
      type: 'IntegrityCheckpointRecorded',
      data,
      metadata: { schemaVersion: 1, recordedBy: 'system:checkpointer', correlationId: `checkpoint-${data.coversPosition}`, causationId: null },
    });
    // Exactly after the last checkpoint this fold has seen: so each checkpoint covers the one
    // before it, even when several instances share one EventStoreDB.
    const expectedRevision = data.heads[CHECKPOINT_STREAM]?.revision ?? 'no_stream';
    try {
      const result = await this.#store.append(CHECKPOINT_STREAM, [{ id: randomUUID(), ...event }], { expectedRevision });
      this.#lastCheckpointAt = result.position;
      await this.#reached(result.position);
    } catch (error) {
      // Another instance recorded a checkpoint meanwhile: it covers about as much; skip this one.
      if (error instanceof WrongExpectedRevisionError) return;
      this.#options.log?.(`integrity checkpoint at position ${data.coversPosition} not recorded: ${String(error)}`);
    }
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
