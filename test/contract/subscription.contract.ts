/**
 * Contract: catch-up subscriptions to all events deliver history, then live events, in
 * position order, each exactly once, and stop when closed.
 */
import { describe, expect, it } from 'vitest';
import type { AppendResult, RecordedEvent } from '../../src/store/event-store.ts';
import {
  collectEvents,
  delay,
  inStreams,
  positions,
  testEvent,
  testEvents,
  uniqueStream,
  within,
  type StoreUnderTest,
} from './contract-fixtures.ts';

export function describeSubscriptionContract(store: StoreUnderTest): void {
  describe('subscribeToAll', () => {
    it('given history, when subscribing and then appending, then history and then the live events arrive in order', async () => {
      const stream = uniqueStream('sub');
      const baseline = await store().headPosition();
      await store().append(stream, testEvents(3));

      const received = await collectEvents(store().subscribeToAll({ afterPosition: baseline }), inStreams(stream), 5, {
        onEvent: async (_, sofar) => {
          if (sofar.length === 3) await store().append(stream, [testEvent({ n: 3 }), testEvent({ n: 4 })]);
        },
      });

      expect(received.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(received.map((e) => e.data)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
    });

    it('given an afterPosition, when subscribing, then only events after it are delivered', async () => {
      const stream = uniqueStream('sub');
      await store().append(stream, testEvents(4));
      const stored = await store().readStream(stream);
      const after = stored[1]?.position ?? Number.NaN;
      const delivered: number[] = [];

      const received = await collectEvents(store().subscribeToAll({ afterPosition: after }), inStreams(stream), 2, {
        onAny: (event) => delivered.push(event.position),
      });

      expect(received).toEqual(stored.slice(2));
      expect(Math.min(...delivered)).toBeGreaterThan(after);
    });

    it('given no afterPosition, when subscribing, then delivery starts at the first event of the store', async () => {
      await store().append(uniqueStream('sub'), [testEvent()]);
      const [first] = await store().readAll({ maxCount: 1 });

      const [delivered] = await collectEvents(store().subscribeToAll(), () => true, 1);

      expect(delivered).toEqual(first);
    });

    it('given appends going on, when resuming from a position in the middle of them, then every later event arrives once, in order, without gaps', async () => {
      const [a, b] = [uniqueStream('sub'), uniqueStream('sub')];
      const results: AppendResult[] = [];
      let resumeAt = Number.NaN;
      let subscribeNow!: () => void;
      const halfway = new Promise<void>((resolve) => (subscribeNow = resolve));
      const writer = (async () => {
        for (let n = 0; n < 40; n += 1) {
          results.push(await store().append(n % 2 === 0 ? a : b, [testEvent({ n })]));
          if (n === 9) {
            resumeAt = results[4]?.position ?? Number.NaN;
            subscribeNow();
          }
          if (n % 5 === 0) await delay(1);
        }
      })();
      await halfway;
      const all: number[] = [];

      const received = await collectEvents(store().subscribeToAll({ afterPosition: resumeAt }), inStreams(a, b), 35, {
        onAny: (event) => all.push(event.position),
      });
      await writer;

      expect(positions(received)).toEqual(results.slice(5).map((r) => r.position));
      expect(all).toEqual([...new Set(all)].sort((x, y) => x - y));
    });

    it('given a subscription waiting for live events, when it is closed, then the for-await loop ends', async () => {
      const subscription = store().subscribeToAll({ afterPosition: await store().headPosition() });
      const loop = (async () => {
        for await (const event of subscription) void event;
      })();
      await delay(50);

      await subscription.close();

      await expect(within(500, loop)).resolves.toBeUndefined();
    });

    it('given a subscription with events still to deliver, when it is closed from the loop, then no further event is delivered', async () => {
      const stream = uniqueStream('sub');
      const baseline = await store().headPosition();
      await store().append(stream, testEvents(5));
      const subscription = store().subscribeToAll({ afterPosition: baseline });
      const seen: RecordedEvent[] = [];

      await within(
        5_000,
        (async () => {
          for await (const event of subscription) {
            seen.push(event);
            await subscription.close();
          }
        })(),
      );

      expect(seen).toHaveLength(1);
    });
  });
}
