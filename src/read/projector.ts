/**
 * Feeds the read models from the store's catch-up subscription (history, then live) and
 * publishes every applied event as an rxjs stream shared by all live subscribers.
 * Guarantees: events are applied once each, in position order; `waitForPosition(p)`
 * resolves once every event up to p is visible to queries (read-your-writes for commands).
 *
 * Resilience: if the subscription fails (e.g. EventStoreDB unreachable), the projector
 * subscribes again after the last applied position, with exponential backoff (100 ms doubling
 * to 5 s), until it succeeds or is stopped: no gap (the new subscription starts right after
 * the last applied event) and no duplicate (the read models ignore positions already applied).
 * Waiters keep waiting meanwhile. Only an event the read models cannot apply is fatal: then
 * every waiter is rejected (start() too, so the service does not start) and `applied$` errors.
 * That is the case of an event the store cannot read (not JSON: UnreadableEventError), of a
 * catalogue event that does not match its schema (checked here on every event, as on append),
 * and of one the models refuse; the failure names the position and the reason. After start-up
 * such a failure leaves the service answering reads as of the last applied event, health 503
 * and commands 503 (`stoppedBy`).
 */
import { Subject } from 'rxjs';
import type { ReadModels } from '../../projections/read-models.ts';
import type { EventRef } from '../../projections/views.ts';
import { isEventType, validateEvent } from '../../events/catalogue.ts';
import { UnavailableError } from '../errors.ts';
import { UnreadableEventError, type EventStore, type Subscription } from '../store/event-store.ts';

export interface AppliedEvent {
  /** Undefined for an event of a type outside the catalogue (ignored by the read models). */
  ref: EventRef | undefined;
  position: number;
}

interface Waiter {
  position: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const RESUBSCRIBE_FIRST_DELAY_MS = 100;
const RESUBSCRIBE_MAX_DELAY_MS = 5_000;

export class Projector {
  readonly applied$ = new Subject<AppliedEvent>();
  private subscription: Subscription | undefined;
  private waiters: Waiter[] = [];
  /** The lowest position a waiter waits for (+Infinity when none): most applied events release nobody. */
  private nextRelease = Number.POSITIVE_INFINITY;
  private running: Promise<void> | undefined;
  private failure: UnreadableEventError | undefined;
  private stopped = false;
  private wakeFromBackoff: (() => void) | undefined;

  constructor(
    private readonly store: EventStore,
    readonly models: ReadModels,
    /** Told of each subscription failure before the projector subscribes again; default: a line on stderr. */
    private readonly onSubscriptionError: (error: unknown, retryInMs: number) => void = (error, retryInMs) =>
      process.stderr.write(`projector: the subscription failed (${error instanceof Error ? error.message : String(error)}); subscribing again in ${retryInMs} ms\n`),
  ) {}

  /** Subscribes and resolves once the models reflect everything in the store at call time; rejects with what stopped them. */
  async start(): Promise<void> {
    const head = await this.store.headPosition();
    const subscription = this.store.subscribeToAll(this.models.position >= 0 ? { afterPosition: this.models.position } : {});
    this.subscription = subscription;
    this.running = this.consume(subscription);
    try {
      await this.waitForPosition(head);
    } catch (error) {
      throw this.failure ?? error;
    }
  }

  /** Why the models stopped for good (an unreadable event), or undefined while they run. */
  get stoppedBy(): UnreadableEventError | undefined {
    return this.failure;
  }

  /**
   * Resolves once the models have applied position p (immediately if already there). Once the
   * models have stopped for good, rejects with UnavailableError (503): a command's append is
   * durable, but no read model will show it until an operator repairs the log.
   */
  waitForPosition(position: number): Promise<void> {
    if (this.failure) return Promise.reject(this.unavailable());
    if (this.models.position >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ position, resolve, reject });
      this.nextRelease = Math.min(this.nextRelease, position);
    });
  }

  /** Resolves once the models reflect the store's head as of now. */
  async catchUp(): Promise<void> {
    await this.waitForPosition(await this.store.headPosition());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeFromBackoff?.();
    await this.subscription?.close();
    await this.running;
    this.applied$.complete();
  }

  /** Applies events until stopped; a failing subscription is replaced (see the class comment). */
  private async consume(subscription: Subscription): Promise<void> {
    let delayMs = RESUBSCRIBE_FIRST_DELAY_MS;
    for (let current: Subscription | undefined = subscription; !this.stopped; ) {
      try {
        current ??= this.subscription = this.store.subscribeToAll(this.models.position >= 0 ? { afterPosition: this.models.position } : {});
        for await (const recorded of current) {
          let ref: EventRef | undefined;
          try {
            if (isEventType(recorded.type)) validateEvent(recorded);
            ref = this.models.apply(recorded);
          } catch (error) {
            return this.fail(error instanceof UnreadableEventError ? error : new UnreadableEventError(recorded.position, error instanceof Error ? error.message : String(error)));
          }
          delayMs = RESUBSCRIBE_FIRST_DELAY_MS;
          // A Subject keeps nothing for later subscribers: with none yet (a rebuild), there is nothing to publish to.
          if (this.applied$.observed) this.applied$.next({ ref, position: recorded.position });
          if (this.models.position >= this.nextRelease) this.release();
        }
        return;
      } catch (error) {
        if (this.stopped) return;
        // A damaged event stays damaged: subscribing again would only meet it again.
        if (error instanceof UnreadableEventError) return this.fail(error);
        this.onSubscriptionError(error, delayMs);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.wakeFromBackoff = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeFromBackoff = undefined;
        delayMs = Math.min(delayMs * 2, RESUBSCRIBE_MAX_DELAY_MS);
        await current?.close().catch(() => undefined);
        current = undefined;
      }
    }
  }

  private fail(error: UnreadableEventError): void {
    this.failure = error;
    this.nextRelease = Number.POSITIVE_INFINITY;
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.unavailable());
    this.applied$.error(error);
  }

  private unavailable(): UnavailableError {
    return new UnavailableError(`the read models stopped: ${this.failure?.message ?? 'unknown'}; an operator must repair the log (npm run verify)`, 300);
  }

  private release(): void {
    const reached = this.models.position;
    const ready = this.waiters.filter((w) => w.position <= reached);
    this.waiters = this.waiters.filter((w) => w.position > reached);
    this.nextRelease = this.waiters.reduce((lowest, w) => Math.min(lowest, w.position), Number.POSITIVE_INFINITY);
    for (const waiter of ready) waiter.resolve();
  }
}
