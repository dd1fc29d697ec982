/**
 * The contract every EventStore adapter passes: EventStoreDB's semantics, as the port
 * (src/store/event-store.ts) states them. Tests only touch streams of their own and never
 * assume the store is empty, so the store may be shared (an EventStoreDB container).
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { EventStore } from '../../src/store/event-store.ts';
import { describeAppendContract } from './append.contract.ts';
import { describeExpectedRevisionContract } from './expected-revision.contract.ts';
import { describeIdempotencyContract } from './idempotency.contract.ts';
import { describeReadContract } from './reads.contract.ts';
import { describeSubscriptionContract } from './subscription.contract.ts';

/**
 * Registers the contract. `factory` is called before each test; after it the store is closed
 * and then `cleanup` (e.g. deleting its data directory) is called with it.
 */
export function describeEventStoreContract(
  adapterName: string,
  factory: () => Promise<EventStore>,
  cleanup?: (store: EventStore) => Promise<void>,
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let current: EventStore | undefined;

    beforeEach(async () => {
      current = await factory();
    });

    afterEach(async () => {
      const store = current;
      current = undefined;
      if (store === undefined) return;
      await store.close();
      await cleanup?.(store);
    });

    const store = (): EventStore => {
      if (current === undefined) throw new Error('the contract store is used outside of a test');
      return current;
    };

    describeAppendContract(store);
    describeExpectedRevisionContract(store);
    describeIdempotencyContract(store);
    describeReadContract(store);
    describeSubscriptionContract(store);
  });
}
