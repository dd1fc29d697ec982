/**
 * Feeds the read models from the store's catch-up subscription (history, then live) and
 * publishes every applied event as an rxjs stream shared by all live subscribers.
 * Guarantees: events are applied once each, in position order; `waitForPosition(p)`
 * resolves once every event up to p is visible to queries (read-your-writes for commands).
 */
import { Subject } from 'rxjs';
import type { ReadModels } from '../../projections/read-models.ts';
import type { EventRef } from '../../projections/views.ts';
import type { EventStore, Subscription } from '../store/event-store.ts';

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

export class Projector {
  readonly applied$ = new Subject<AppliedEvent>();
  private subscription: Subscription | undefined;
  private waiters: Waiter[] = [];
  private running: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly store: EventStore,
    readonly models: ReadModels,
  ) {}

  /** Subscribes and resolves once the models reflect everything in the store at call time. */
  async start(): Promise<void> {
    const head = await this.store.headPosition();
    const subscription = this.store.subscribeToAll(this.models.position >= 0 ? { afterPosition: this.models.position } : {});
    this.subscription = subscription;
    this.running = this.consume(subscription);
    await this.waitForPosition(head);
  }

  /** Resolves once the models have applied position p (immediately if already there). */
  waitForPosition(position: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.models.position >= position) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  /** Resolves once the models reflect the store's head as of now. */
  async catchUp(): Promise<void> {
    await this.waitForPosition(await this.store.headPosition());
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.running;
    this.applied$.complete();
  }

  private async consume(subscription: Subscription): Promise<void> {
    try {
      for await (const recorded of subscription) {
        const ref = this.models.apply(recorded);
        this.applied$.next({ ref, position: recorded.position });
        this.release();
      }
    } catch (error) {
      this.failure = error;
      for (const waiter of this.waiters.splice(0)) waiter.reject(error);
      this.applied$.error(error);
    }
  }

  private release(): void {
    if (this.waiters.length === 0) return;
    const reached = this.models.position;
    const ready = this.waiters.filter((w) => w.position <= reached);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > reached);
    for (const waiter of ready) waiter.resolve();
  }
}
