/** Contract: reading one stream, reading all events, stream revision and head position. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/store/event-store.ts';
import { inStreams, positions, testEvents, uniqueStream, type StoreUnderTest } from './contract-fixtures.ts';

export function describeReadContract(store: StoreUnderTest): void {
  let stream: string;
  let stored: RecordedEvent[];
  /** Revisions, positions and a position of the stored events, picked by index. */
  const revisions = (...indexes: number[]) => indexes.map((i) => stored[i]?.revision);
  const at = (...indexes: number[]) => indexes.map((i) => stored[i]?.position);
  const position = (index: number) => stored[index]?.position ?? Number.NaN;

  beforeEach(async () => {
    stream = uniqueStream('reads');
    await store().append(stream, testEvents(5), { expectedRevision: 'no_stream' });
    stored = await store().readStream(stream);
  });

  describe('readStream', () => {
    it('given a stream of five events, when read without options, then all come back in revision order', () => {
      expect(stored.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(stored.map((e) => e.data)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
    });

    it('when read backwards, then the events come back from the last to the first', async () => {
      const read = await store().readStream(stream, { direction: 'backwards' });
      expect(read).toEqual([...stored].reverse());
    });

    it('when read forwards from revision 2, then revision 2 is included', async () => {
      const read = await store().readStream(stream, { fromRevision: 2 });
      expect(read.map((e) => e.revision)).toEqual(revisions(2, 3, 4));
    });

    it('when read backwards from revision 2, then revision 2 is included', async () => {
      const read = await store().readStream(stream, { direction: 'backwards', fromRevision: 2 });
      expect(read.map((e) => e.revision)).toEqual(revisions(2, 1, 0));
    });

    it('when read with maxCount 2, then at most two events come back, in either direction', async () => {
      const forwards = await store().readStream(stream, { fromRevision: 1, maxCount: 2 });
      const backwards = await store().readStream(stream, { direction: 'backwards', maxCount: 2 });
      expect(forwards.map((e) => e.revision)).toEqual(revisions(1, 2));
      expect(backwards.map((e) => e.revision)).toEqual(revisions(4, 3));
    });

    it('given a stream that does not exist, when read, then it reads as empty and its revision is null', async () => {
      const missing = uniqueStream('missing');
      expect(await store().readStream(missing)).toEqual([]);
      expect(await store().readStream(missing, { direction: 'backwards' })).toEqual([]);
      expect(await store().streamRevision(missing)).toBeNull();
    });

    it('given a stream of five events, then its revision is 4', async () => {
      expect(await store().streamRevision(stream)).toBe(4);
    });
  });

  describe('readAll', () => {
    it('when read forwards from the position of an event, then reading starts just after it', async () => {
      const read = await store().readAll({ fromPosition: position(1) });
      expect(read[0]?.position).toBeGreaterThan(position(1));
      expect(positions(read.filter(inStreams(stream)))).toEqual(at(2, 3, 4));
    });

    it('when read backwards from the position of an event, then reading starts just before it, going back', async () => {
      const read = await store().readAll({ direction: 'backwards', fromPosition: position(3) });
      expect(read[0]?.position).toBeLessThan(position(3));
      expect(positions(read.filter(inStreams(stream)))).toEqual(at(2, 1, 0));
    });

    it('when read with maxCount 2, then two events come back, the nearest to the start position, in either direction', async () => {
      const forwards = await store().readAll({ fromPosition: position(0), maxCount: 2 });
      const backwards = await store().readAll({ direction: 'backwards', fromPosition: position(3), maxCount: 2 });
      expect(forwards).toEqual([stored[1], stored[2]]);
      expect(backwards).toEqual([stored[2], stored[1]]);
    });

    it('when read forwards without a position, then reading starts at the first event of the store', async () => {
      const [first] = await store().readAll({ maxCount: 1 });
      expect(first?.position).toBeLessThanOrEqual(position(0));
      expect(await store().readAll({ direction: 'backwards', fromPosition: first?.position ?? 0, maxCount: 1 })).toEqual([]);
    });

    it('when read backwards without a position, then reading starts at the head', async () => {
      const head = await store().headPosition();
      const [last] = await store().readAll({ direction: 'backwards', maxCount: 1 });
      expect(head).toBeGreaterThanOrEqual(position(4));
      expect(last?.position).toBeGreaterThanOrEqual(head);
    });
  });

  describe('headPosition', () => {
    it('when events are appended, then the head moves to at least the position of the last one', async () => {
      const baseline = await store().headPosition();
      const result = await store().append(uniqueStream(), testEvents(2));

      const head = await store().headPosition();
      expect(baseline).toBeGreaterThanOrEqual(position(4));
      expect(result.position).toBeGreaterThan(baseline);
      expect(head).toBeGreaterThanOrEqual(result.position);
    });
  });
}
