/**
 * Contract: re-appending a batch with the same event ids is idempotent, as in EventStoreDB:
 * the original result comes back and nothing is appended; a batch that matches only in part
 * is refused.
 */
import { describe, expect, it } from 'vitest';
import type { ExpectedRevision } from '../../src/store/event-store.ts';
import { testEvent, testEvents, uniqueStream, wrongRevision, type StoreUnderTest } from './contract-fixtures.ts';

export function describeIdempotencyContract(store: StoreUnderTest): void {
  describe('idempotency', () => {
    const retries: Array<{ form: string; existing: number; expectedRevision: ExpectedRevision }> = [
      { form: 'no_stream', existing: 0, expectedRevision: 'no_stream' },
      { form: 'an exact revision', existing: 2, expectedRevision: 1 },
      { form: 'any', existing: 2, expectedRevision: 'any' },
    ];

    it.each(retries)('given a batch appended with $form, when the same batch is appended again, then the original result is returned and nothing is appended', async (c) => {
      const stream = uniqueStream();
      if (c.existing > 0) await store().append(stream, testEvents(c.existing));
      const batch = testEvents(3);
      const original = await store().append(stream, batch, { expectedRevision: c.expectedRevision });

      const retried = await store().append(stream, batch, { expectedRevision: c.expectedRevision });

      expect(retried).toEqual(original);
      expect(await store().readStream(stream)).toHaveLength(c.existing + 3);
    });

    it('given a batch followed by more events, when the batch is retried with its original expected revision, then its original result is returned', async () => {
      const stream = uniqueStream();
      const batch = testEvents(2);
      const original = await store().append(stream, batch, { expectedRevision: 'no_stream' });
      await store().append(stream, testEvents(2), { expectedRevision: 1 });

      const retried = await store().append(stream, batch, { expectedRevision: 'no_stream' });

      expect(retried).toEqual(original);
      expect(await store().streamRevision(stream)).toBe(3);
    });

    it.each<ExpectedRevision>(['no_stream', 'any'])('given a stored batch, when a batch with one of its ids and a new id is appended with %s, then WrongExpectedRevisionError and nothing is appended', async (expectedRevision) => {
      const stream = uniqueStream();
      const [first, second] = testEvents(2);
      if (!first || !second) throw new Error('fixture');
      await store().append(stream, [first, second], { expectedRevision: 'no_stream' });

      const error = await wrongRevision(store().append(stream, [first, testEvent({ fresh: true })], { expectedRevision }));

      expect(error.streamId).toBe(stream);
      expect((await store().readStream(stream)).map((e) => e.id)).toEqual([first.id, second.id]);
    });

    it('given a stored event, when its id is appended again at a different expected revision, then WrongExpectedRevisionError', async () => {
      const stream = uniqueStream();
      const first = testEvent();
      await store().append(stream, [first], { expectedRevision: 'no_stream' });
      await store().append(stream, [testEvent()], { expectedRevision: 0 });

      await wrongRevision(store().append(stream, [first], { expectedRevision: 0 }));

      expect(await store().streamRevision(stream)).toBe(1);
    });

    it('given an event id stored in one stream, when the same id is appended to another stream, then it is a new event there', async () => {
      const [a, b] = [uniqueStream(), uniqueStream()];
      const event = testEvent();
      await store().append(a, [event], { expectedRevision: 'no_stream' });

      const result = await store().append(b, [event], { expectedRevision: 'no_stream' });

      expect(result.nextExpectedRevision).toBe(0);
      expect((await store().readStream(b)).map((e) => e.id)).toEqual([event.id]);
    });
  });
}
