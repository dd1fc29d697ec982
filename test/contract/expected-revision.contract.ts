/**
 * Contract: EventStoreDB's expected-revision forms, each in success and failure, and
 * optimistic concurrency between racing writers. A refused append appends nothing.
 */
import { describe, expect, it } from 'vitest';
import type { ExpectedRevision } from '../../src/store/event-store.ts';
import { testEvent, testEvents, uniqueStream, wrongRevision, type StoreUnderTest } from './contract-fixtures.ts';

interface Refusal {
  given: string;
  /** Number of events in the stream before the append; 0 means it does not exist. */
  existing: number;
  expectedRevision: ExpectedRevision;
  actual: string;
}

const refusals: Refusal[] = [
  { given: 'an existing stream', existing: 1, expectedRevision: 'no_stream', actual: '0' },
  { given: 'a missing stream', existing: 0, expectedRevision: 'stream_exists', actual: 'no_stream' },
  { given: 'a stream at revision 2', existing: 3, expectedRevision: 1, actual: '2' },
  { given: 'a stream at revision 2', existing: 3, expectedRevision: 5, actual: '2' },
  { given: 'a missing stream', existing: 0, expectedRevision: 0, actual: 'no_stream' },
];

const acceptances: Array<{ given: string; existing: number; expectedRevision: ExpectedRevision }> = [
  { given: 'a missing stream', existing: 0, expectedRevision: 'any' },
  { given: 'an existing stream', existing: 2, expectedRevision: 'any' },
  { given: 'a missing stream', existing: 0, expectedRevision: 'no_stream' },
  { given: 'an existing stream', existing: 2, expectedRevision: 'stream_exists' },
  { given: 'a stream at revision 2', existing: 3, expectedRevision: 2 },
];

export function describeExpectedRevisionContract(store: StoreUnderTest): void {
  async function streamWith(existing: number): Promise<string> {
    const stream = uniqueStream();
    if (existing > 0) await store().append(stream, testEvents(existing));
    return stream;
  }

  describe('expected revision', () => {
    it.each(acceptances)('given $given, when appending with $expectedRevision, then the events are appended', async (c) => {
      const stream = await streamWith(c.existing);

      const result = await store().append(stream, testEvents(2), { expectedRevision: c.expectedRevision });

      expect(result.nextExpectedRevision).toBe(c.existing + 1);
      expect(await store().readStream(stream)).toHaveLength(c.existing + 2);
    });

    it.each(refusals)('given $given, when appending with $expectedRevision, then WrongExpectedRevisionError (actual $actual) and nothing is appended', async (c) => {
      const stream = await streamWith(c.existing);
      const before = await store().readStream(stream);

      const error = await wrongRevision(store().append(stream, testEvents(2), { expectedRevision: c.expectedRevision }));

      expect(error).toMatchObject({ streamId: stream, expected: String(c.expectedRevision), actual: c.actual });
      expect(await store().readStream(stream)).toEqual(before);
      expect(await store().streamRevision(stream)).toBe(c.existing === 0 ? null : c.existing - 1);
    });

    it('given a stream, when appending with a negative number as expected revision, then the append is refused and nothing is appended', async () => {
      const stream = await streamWith(1);

      await expect(store().append(stream, [testEvent()], { expectedRevision: -1 })).rejects.toThrow();

      expect(await store().streamRevision(stream)).toBe(0);
    });

    it('given a stream at revision 1, when appending no events at revision 1, then the append succeeds with nothing appended', async () => {
      const stream = await streamWith(2);

      const result = await store().append(stream, [], { expectedRevision: 1 });

      expect(result.nextExpectedRevision).toBe(1);
      expect(await store().readStream(stream)).toHaveLength(2);
    });

    it('given a missing stream, when appending no events with no_stream, then it succeeds and the stream still does not exist', async () => {
      const stream = uniqueStream();

      const result = await store().append(stream, [], { expectedRevision: 'no_stream' });

      expect(result.nextExpectedRevision).toBe(-1);
      expect(await store().streamRevision(stream)).toBeNull();
    });

    it('given a missing stream, when appending no events with stream_exists, then WrongExpectedRevisionError', async () => {
      const stream = uniqueStream();

      const error = await wrongRevision(store().append(stream, [], { expectedRevision: 'stream_exists' }));

      expect(error).toMatchObject({ streamId: stream, expected: 'stream_exists', actual: 'no_stream' });
    });
  });

  describe('concurrency', () => {
    it('given a stream at revision 0, when ten writers race with expected revision 0, then exactly one wins and the others get WrongExpectedRevisionError', async () => {
      const stream = await streamWith(1);

      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, n) => store().append(stream, [testEvent({ writer: n })], { expectedRevision: 0 })),
      );

      const winners = outcomes.filter((o) => o.status === 'fulfilled');
      const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(9);
      for (const error of losers) expect(error).toMatchObject({ name: 'WrongExpectedRevisionError', expected: '0', actual: '1' });
      expect(await store().readStream(stream)).toHaveLength(2);
    });

    it('given a missing stream, when ten writers race to create it with no_stream, then exactly one wins', async () => {
      const stream = uniqueStream();

      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, n) => store().append(stream, testEvents(2).map((e) => ({ ...e, data: { writer: n } })), { expectedRevision: 'no_stream' })),
      );

      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const stored = await store().readStream(stream);
      expect(stored).toHaveLength(2);
      expect(new Set(stored.map((e) => JSON.stringify(e.data))).size).toBe(1);
    });
  });
}
