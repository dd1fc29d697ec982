/**
 * A view of an event store for a second app instance whose projector lags on command: its
 * subscription holds events back while paused. The calls that tell what the instance's
 * command service did are recorded: appends that reached the store (with their outcome) and
 * head reads (the command service reads the head only to catch up after losing a race).
 * Everything else goes straight to the shared store.
 */
import type { EventStore, RecordedEvent, Subscription } from '../../src/store/event-store.ts';

export interface LaggingStore {
  store: EventStore;
  /** From now on, events reach this view's subscribers only after resume(). */
  pause(): void;
  resume(): void;
  /** 'append ok', 'append rejected' and 'headPosition', in call order. */
  calls: string[];
}

export function laggingStore(shared: EventStore): LaggingStore {
  let gate: Promise<void> = Promise.resolve();
  let open = () => {};
  const calls: string[] = [];

  const gated = (inner: Subscription): Subscription => ({
    close: () => inner.close(),
    async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
      for await (const event of inner) {
        await gate;
        yield event;
      }
    },
  });

  const store = new Proxy(shared, {
    get(target, property) {
      if (property === 'subscribeToAll') return (options?: Parameters<EventStore['subscribeToAll']>[0]) => gated(target.subscribeToAll(options));
      if (property === 'headPosition') {
        return () => {
          calls.push('headPosition');
          return target.headPosition();
        };
      }
      // appendChained: the embedded store's own hash-chained append, which hashChained calls instead of append.
      if (property === 'append' || property === 'appendChained') {
        const append = (Reflect.get(target, property, target) as EventStore['append']).bind(target);
        return async (...args: Parameters<EventStore['append']>) => {
          try {
            const result = await append(...args);
            calls.push('append ok');
            return result;
          } catch (error) {
            calls.push('append rejected');
            throw error;
          }
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

  return {
    store,
    pause() {
      gate = new Promise((resolve) => (open = resolve));
    },
    resume: () => open(),
    calls,
  };
}
