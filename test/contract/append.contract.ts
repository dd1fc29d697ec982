/** Contract: atomic appends, global positions and recordedAt. */
import { describe, expect, it } from 'vitest';
import {
  CLOCK_SKEW_MS,
  delay,
  inStreams,
  positions,
  testEvent,
  testEvents,
  uniqueStream,
  type StoreUnderTest,
} from './contract-fixtures.ts';

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function describeAppendContract(store: StoreUnderTest): void {
  describe('append', () => {
    it('given a new stream, when three events are appended at once, then they are stored as revisions 0 to 2 and the result names the last', async () => {
      const stream = uniqueStream();
      const batch = testEvents(3);

      const result = await store().append(stream, batch, { expectedRevision: 'no_stream' });

      const stored = await store().readStream(stream);
      expect(stored.map((e) => [e.streamId, e.revision, e.id, e.type, e.data, e.metadata])).toEqual(
        batch.map((e, i) => [stream, i, e.id, 'TestEvent', e.data, e.metadata]),
      );
      expect(result).toEqual({ nextExpectedRevision: 2, position: stored[2]?.position });
      expect(await store().streamRevision(stream)).toBe(2);
    });

    it('given events without ids, when appended, then the store gives each a distinct UUID', async () => {
      const stream = uniqueStream();

      await store().append(stream, [
        { type: 'TestEvent', data: { n: 0 }, metadata: {} },
        { type: 'TestEvent', data: { n: 1 }, metadata: {} },
      ]);

      const ids = (await store().readStream(stream)).map((e) => e.id);
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(2);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    });

    it('given two batches appended concurrently to two streams, then each batch is one unbroken run of the global order', async () => {
      const [a, b] = [uniqueStream(), uniqueStream()];
      const baseline = await store().headPosition();

      await Promise.all([store().append(a, testEvents(5)), store().append(b, testEvents(5))]);

      const ours = (await store().readAll({ fromPosition: baseline })).filter(inStreams(a, b));
      const streamChanges = ours.filter((e, i) => i > 0 && e.streamId !== ours[i - 1]?.streamId).length;
      expect(ours).toHaveLength(10);
      expect(streamChanges).toBe(1);
    });

    it('given appends to several streams one after another, then global positions strictly increase in append order', async () => {
      const [a, b, c] = [uniqueStream(), uniqueStream(), uniqueStream()];
      const baseline = await store().headPosition();

      const results = [];
      for (const stream of [a, b, a, c, b]) results.push(await store().append(stream, [testEvent()]));

      const appended = results.map((r) => r.position);
      expect(appended[0]).toBeGreaterThan(baseline);
      expect(appended).toEqual([...appended].sort((x, y) => x - y));
      expect(new Set(appended).size).toBe(appended.length);
      const ours = (await store().readAll({ fromPosition: baseline })).filter(inStreams(a, b, c));
      expect(positions(ours)).toEqual(appended);
      expect(ours.map((e) => e.streamId)).toEqual([a, b, a, c, b]);
    });

    it('given many concurrent appends to many streams, then every event gets its own position and each stream keeps revision order', async () => {
      const streams = Array.from({ length: 20 }, () => uniqueStream());

      const results = await Promise.all(streams.map((s) => store().append(s, testEvents(2))));

      expect(new Set(results.map((r) => r.position)).size).toBe(streams.length);
      for (const stream of streams) {
        const [first, second] = await store().readStream(stream);
        expect(second?.position).toBeGreaterThan(first?.position ?? Infinity);
      }
    });
  });

  describe('recordedAt', () => {
    it('when events are appended, then the store records the commit instant as an ISO-8601 UTC string with milliseconds', async () => {
      const stream = uniqueStream();
      const before = Date.now();

      await store().append(stream, testEvents(2));

      const after = Date.now();
      for (const event of await store().readStream(stream)) {
        expect(event.recordedAt).toMatch(ISO_UTC_MS);
        expect(Date.parse(event.recordedAt)).toBeGreaterThanOrEqual(before - CLOCK_SKEW_MS);
        expect(Date.parse(event.recordedAt)).toBeLessThanOrEqual(after + CLOCK_SKEW_MS);
      }
    });

    it('given metadata that names a recordedAt, when appended, then recordedAt is still set by the store and the metadata kept as given', async () => {
      const stream = uniqueStream();
      const metadata = { recordedAt: '2001-01-01T00:00:00.000Z' };

      await store().append(stream, [{ type: 'TestEvent', data: {}, metadata }]);

      const [event] = await store().readStream(stream);
      expect(event?.metadata).toEqual(metadata);
      expect(event?.recordedAt).not.toBe(metadata.recordedAt);
    });

    it('given one append of several events, then they all carry one recordedAt: an asKnownAt cut never splits an append', async () => {
      const stream = uniqueStream();

      await store().append(stream, testEvents(4));

      const recorded = (await store().readStream(stream)).map((e) => e.recordedAt);
      expect(recorded).toHaveLength(4);
      expect(new Set(recorded).size).toBe(1);
    });

    it('given appends over time, then recordedAt never decreases as position grows', async () => {
      const stream = uniqueStream();
      const baseline = await store().headPosition();

      for (let n = 0; n < 5; n += 1) {
        await store().append(stream, [testEvent({ n })]);
        await delay(3);
      }

      const recorded = (await store().readAll({ fromPosition: baseline })).map((e) => Date.parse(e.recordedAt));
      expect(recorded.length).toBeGreaterThanOrEqual(5);
      expect(recorded).toEqual([...recorded].sort((x, y) => x - y));
    });
  });
}
