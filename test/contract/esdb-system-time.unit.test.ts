/**
 * The EventStoreDB adapter's system-time axis (src/store/eventstoredb/esdb-system-time.ts) on
 * generated logs: appends by several writers whose clocks jump back and forth, each writer's
 * head read possibly stale (another writer's appends racing in between), events written by
 * another client without an envelope. Whatever the order and however little is remembered,
 * every reader gets recordedAt = the running maximum of the appends' first stamps: one value
 * per append, never decreasing with position.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SystemTime, type StoredEvent, type SystemTimeSource } from '../../src/store/eventstoredb/esdb-system-time.ts';

interface GeneratedAppend {
  stream: number;
  size: number;
  /** How many of the latest appends the writer had not seen when it read the head. */
  unseen: number;
  /** The leader clock's jump before this append, ms (negative: a failover to a slower clock). */
  jump: number;
  foreign: boolean;
}

const appendArbitrary = fc.record({
  stream: fc.integer({ min: 0, max: 3 }),
  size: fc.integer({ min: 1, max: 3 }),
  unseen: fc.integer({ min: 0, max: 3 }),
  jump: fc.integer({ min: -60_000, max: 5_000 }),
  foreign: fc.boolean(),
});

/** The log as the server holds it, with envelopes as the adapter writes them, and the expected recordedAt of each event. */
function buildLog(appends: GeneratedAppend[]): { log: StoredEvent[]; expected: Map<number, number> } {
  const log: StoredEvent[] = [];
  const expected = new Map<number, number>();
  const revisions = new Map<number, number>();
  const firsts: number[] = [];
  let clock = Date.UTC(2026, 0, 1);
  let position = 100;
  let runningMax = -Infinity;
  for (const append of appends) {
    clock += append.jump;
    // The head this writer read: the last event before the `unseen` latest appends.
    const seenAppends = firsts.length - Math.min(append.unseen, firsts.length);
    const head = seenAppends === 0 ? undefined : log[(firsts[seenAppends] ?? log.length) - 1];
    const first = log.length;
    firsts.push(first);
    const instant = clock;
    for (let i = 0; i < append.size; i += 1) {
      const revision = (revisions.get(append.stream) ?? -1) + 1;
      revisions.set(append.stream, revision);
      const event: StoredEvent = {
        id: crypto.randomUUID(),
        streamId: `s${append.stream}`,
        revision,
        position,
        type: 'T',
        data: {},
        metadata: {},
        created: clock + i,
      };
      if (!append.foreign) event.envelope = { index: i, after: head?.position ?? -1, floor: head ? expected.get(head.position)! : null };
      log.push(event);
      position += 50 + ((position * 7) % 50);
    }
    // A foreign append is one event per event, as far as the adapter can tell.
    for (let i = 0; i < append.size; i += 1) {
      const event = log[first + i]!;
      runningMax = Math.max(runningMax, append.foreign ? event.created : instant);
      expected.set(event.position, runningMax);
    }
  }
  return { log, expected };
}

function sourceOver(log: StoredEvent[]): SystemTimeSource & { reads: number } {
  const source = {
    reads: 0,
    async before(position: number, count: number) {
      source.reads += 1;
      return log.filter((e) => e.position < position).reverse().slice(0, count);
    },
    async at(streamId: string, revision: number) {
      source.reads += 1;
      return log.find((e) => e.streamId === streamId && e.revision === revision);
    },
  };
  return source;
}

describe('EventStoreDB system time', () => {
  it('given any log, when read in order, by stream, or event by event with little remembered, then recordedAt is the running maximum of append instants', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(appendArbitrary, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 7 }), async (appends, remembered, stride) => {
        const { log, expected } = buildLog(appends);
        const want = (events: StoredEvent[]) => events.map((e) => new Date(expected.get(e.position)!).toISOString());

        const inOrder = await new SystemTime(sourceOver(log)).resolveRun(log, -1);
        expect(inOrder.map((e) => e.recordedAt)).toEqual(want(log));

        const byStream = new SystemTime(sourceOver(log), remembered);
        for (const stream of new Set(log.map((e) => e.streamId))) {
          const events = log.filter((e) => e.streamId === stream).reverse();
          expect((await byStream.resolveScattered(events)).map((e) => e.recordedAt)).toEqual(want(events));
        }

        const oneByOne = new SystemTime(sourceOver(log), remembered);
        // Every event once, in an order that jumps around the log.
        const order = log.map((_, i) => log[(i * stride + Math.floor(log.length / 2)) % log.length]!);
        for (const event of stride % log.length === 0 || gcd(stride, log.length) !== 1 ? [...log].reverse() : order) {
          expect((await oneByOne.resolveScattered([event]))[0]!.recordedAt).toEqual(want([event])[0]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('given one writer and no race, when an event is read cold, then one short read back suffices: the envelope carries the value needed', async () => {
    const { log } = buildLog(Array.from({ length: 30 }, () => ({ stream: 0, size: 1, unseen: 0, jump: 10, foreign: false })));
    const source = sourceOver(log);

    await new SystemTime(source).resolveScattered([log[25]!]);

    expect(source.reads).toBe(1);
  });
});

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
