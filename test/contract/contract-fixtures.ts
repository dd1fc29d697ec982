/**
 * Helpers of the event store contract. The store under test may be shared (EventStoreDB):
 * every test writes to streams of its own (random names) and never assumes the store empty.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { WrongExpectedRevisionError } from '../../src/errors.ts';
import type { EventStore, EventToAppend, RecordedEvent, Subscription } from '../../src/store/event-store.ts';

export type StoreUnderTest = () => EventStore;

/** Allowed difference between this machine's clock and a store server's clock. */
export const CLOCK_SKEW_MS = 5_000;

const SUBSCRIPTION_TIMEOUT_MS = 15_000;

export function uniqueStream(prefix = 'contract'): string {
  return `${prefix}-${randomUUID()}`;
}

export function testEvent(data: Record<string, unknown> = {}, id: string = randomUUID()): EventToAppend {
  return { id, type: 'TestEvent', data, metadata: { test: 'contract', ...data } };
}

export function testEvents(count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => testEvent({ n }));
}

export async function wrongRevision(attempt: Promise<unknown>): Promise<WrongExpectedRevisionError> {
  const outcome = await attempt.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  expect(outcome).toHaveProperty('error');
  const error = 'error' in outcome ? outcome.error : undefined;
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  return error as WrongExpectedRevisionError;
}

export function positions(events: RecordedEvent[]): number[] {
  return events.map((event) => event.position);
}

export function inStreams(...streamIds: string[]): (event: RecordedEvent) => boolean {
  const wanted = new Set(streamIds);
  return (event) => wanted.has(event.streamId);
}

export interface CollectOptions {
  /** Called with each accepted event, in order, before the next one is awaited. */
  onEvent?: (event: RecordedEvent, received: RecordedEvent[]) => Promise<void> | void;
  /** Called with every event delivered, accepted or not. */
  onAny?: (event: RecordedEvent) => void;
  timeoutMs?: number;
}

/** Iterates until `count` accepted events arrived, then leaves the loop (which closes the subscription). */
export async function collectEvents(
  subscription: Subscription,
  accept: (event: RecordedEvent) => boolean,
  count: number,
  options: CollectOptions = {},
): Promise<RecordedEvent[]> {
  const timeoutMs = options.timeoutMs ?? SUBSCRIPTION_TIMEOUT_MS;
  const received: RecordedEvent[] = [];
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void subscription.close();
  }, timeoutMs);
  try {
    for await (const event of subscription) {
      options.onAny?.(event);
      if (!accept(event)) continue;
      received.push(event);
      await options.onEvent?.(event, received);
      if (received.length >= count) break;
    }
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) throw new Error(`subscription timed out after ${timeoutMs} ms with ${received.length} of ${count} events`);
  return received;
}

/** Resolves with `promise`, or rejects once `ms` have passed. */
export async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
