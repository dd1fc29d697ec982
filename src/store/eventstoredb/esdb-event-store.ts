/**
 * The EventStoreDB adapter of the EventStore port: a thin layer over @eventstore/db-client v6.
 * The server decides expected revisions and idempotency by event id; this layer maps values
 * (esdb-mapping.ts), hides system events ($-types and $-streams) from $all reads and
 * subscriptions, and makes position bounds exclusive, as the port states them.
 *
 * Needs EventStoreDB 22.6 or later (positions on stream reads) and, with security on, a user
 * allowed to read $all.
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type ReadPosition,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import { UnavailableError } from '../../errors.ts';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, ReadStreamOptions, RecordedEvent, Subscription } from '../event-store.ts';
import {
  assertExpectedRevision,
  fromVendorEvent,
  isSystemEvent,
  satisfies,
  toEventData,
  toPortPosition,
  toVendorExpectedRevision,
  toVendorPosition,
  translateError,
  wrongRevision,
} from './esdb-mapping.ts';

/** Events per request when reading $all page by page (system events are dropped client-side). */
const PAGE_SIZE = 500;

export function createEsdbEventStore(connectionString: string): EventStore {
  const client = EventStoreDBClient.connectionString(connectionString);
  const subscriptions = new Set<Subscription>();

  async function readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    if (options.fromRevision !== undefined && !(Number.isSafeInteger(options.fromRevision) && options.fromRevision >= 0)) {
      throw new RangeError(`fromRevision must be an integer >= 0; got ${options.fromRevision}`);
    }
    const fromRevision = options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision);
    try {
      const read = client.readStream(streamId, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision, maxCount: options.maxCount });
      return (await drain(read)).flatMap((resolved) => (resolved.event ? [fromVendorEvent(resolved.event)] : []));
    } catch (error) {
      if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return [];
      throw error;
    }
  }

  async function lastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    return (await readStream(streamId, { direction: 'backwards', maxCount: 1 }))[0];
  }

  /** An empty append writes nothing: it only checks the expectation, so a read decides it. */
  async function checkOnly(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const last = await lastEvent(streamId);
    const current = last?.revision ?? null;
    if (!satisfies(expected, current)) throw wrongRevision(streamId, expected, current);
    return { nextExpectedRevision: current ?? -1, position: last?.position ?? -1 };
  }

  async function append(streamId: string, events: EventToAppend[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    assertExpectedRevision(expected);
    if (typeof streamId !== 'string' || streamId === '') throw new TypeError('streamId must be a non-empty string');
    if (!Array.isArray(events)) throw new TypeError('events must be an array');
    const data = events.map(toEventData);
    if (data.length === 0) return checkOnly(streamId, expected);
    let result;
    try {
      result = await client.appendToStream(streamId, data, { expectedRevision: toVendorExpectedRevision(expected) });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw wrongRevision(streamId, expected, error.actualVersion);
      throw translateError(error);
    }
    // Only with throwOnAppendFailure=false in the connection string; then -1 means no stream.
    if (!result.success) throw wrongRevision(streamId, expected, result.nextExpectedRevision);
    // The position is read back from the last event rather than taken from the append result:
    // that is the event's own $all position for a first append and for an idempotent retry alike
    // (the server's reply for a retry is not documented to carry the original position).
    const [last] = await readStream(streamId, { direction: 'backwards', fromRevision: Number(result.nextExpectedRevision), maxCount: 1 });
    const position = last?.position ?? (result.position ? toPortPosition(result.position.commit) : -1);
    return { nextExpectedRevision: Number(result.nextExpectedRevision), position };
  }

  async function readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const forwards = options.direction !== 'backwards';
    const bound = options.fromPosition;
    const wanted = options.maxCount ?? Infinity;
    if (wanted <= 0 || (!forwards && bound !== undefined && bound <= 0)) return [];
    // The server reads forwards from an exact position inclusively, backwards exclusively; the
    // port's bound is exclusive both ways, so events at or beyond it are skipped here.
    let cursor: ReadPosition = bound === undefined || bound < 0 ? (forwards ? START : END) : toVendorPosition(bound);
    let edge = bound ?? (forwards ? -Infinity : Infinity);
    const beyond = (position: number) => (forwards ? position <= edge : position >= edge);
    // A little more than asked for, as system events and the repeated edge event are dropped.
    const pageSize = Number.isFinite(wanted) ? Math.min(PAGE_SIZE, wanted + 16) : PAGE_SIZE;
    const found: RecordedEvent[] = [];
    for (;;) {
      const page = await drain(client.readAll({ direction: forwards ? FORWARDS : BACKWARDS, fromPosition: cursor, maxCount: pageSize }));
      for (const { event } of page) {
        if (event === undefined || beyond(toPortPosition(event.position.commit))) continue;
        if (!isSystemEvent(event)) found.push(fromVendorEvent(event));
        if (found.length >= wanted) return found;
      }
      const last = page.at(-1)?.event;
      if (page.length < pageSize || last === undefined) return found;
      cursor = last.position;
      edge = toPortPosition(last.position.commit);
    }
  }

  async function headPosition(): Promise<number> {
    return (await readAll({ direction: 'backwards', maxCount: 1 }))[0]?.position ?? -1;
  }

  function subscribeToAll(options: { afterPosition?: number } = {}): Subscription {
    const subscription = openSubscription(client, options.afterPosition, () => subscriptions.delete(subscription));
    subscriptions.add(subscription);
    return subscription;
  }

  return {
    kind: 'eventstoredb',
    append,
    readStream,
    readAll,
    streamRevision: async (streamId) => (await lastEvent(streamId))?.revision ?? null,
    headPosition,
    subscribeToAll,
    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await client.dispose();
    },
  };
}

/** Reads a streaming read to the end, with connection failures translated. */
async function drain<E extends ResolvedEvent | AllStreamResolvedEvent>(read: StreamingRead<E>): Promise<E[]> {
  const events: E[] = [];
  try {
    for await (const resolved of read) events.push(resolved);
  } catch (error) {
    throw translateError(error);
  }
  return events;
}

/**
 * A catch-up subscription to $all from afterPosition ({commit, prepare} = the event there,
 * or START), with the server filtering out system event types. Events at or before
 * afterPosition are skipped (the bound is exclusive), so are events of $-streams. close()
 * ends a waiting for-await loop at once, then cancels the gRPC call.
 */
function openSubscription(client: EventStoreDBClient, afterPosition: number | undefined, onClose: () => void): Subscription {
  const after = afterPosition ?? -1;
  const vendor = client.subscribeToAll({
    fromPosition: after < 0 ? START : toVendorPosition(after),
    filter: excludeSystemEvents(),
  });
  // Errors also reach the iterator; this listener only keeps an unread subscription's error
  // from becoming an uncaught 'error' event.
  vendor.on('error', () => undefined);
  const source = vendor[Symbol.asyncIterator]();
  let closed = false;
  let wake: (() => void) | undefined;
  const CLOSED = Symbol('closed');

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    wake?.();
    onClose();
    await vendor.unsubscribe().catch(() => undefined);
    vendor.destroy();
  }

  async function next(): Promise<IteratorResult<RecordedEvent>> {
    while (!closed) {
      let step: IteratorResult<AllStreamResolvedEvent> | typeof CLOSED;
      try {
        step = await new Promise<IteratorResult<AllStreamResolvedEvent> | typeof CLOSED>((resolve, reject) => {
          wake = () => resolve(CLOSED);
          source.next().then(resolve, reject);
        });
      } catch (error) {
        if (closed) break;
        await close();
        throw translateError(error);
      } finally {
        wake = undefined;
      }
      if (step === CLOSED || closed) break;
      if (step.done) {
        await close();
        throw new UnavailableError('EventStoreDB ended the subscription to $all');
      }
      const { event } = step.value;
      if (event === undefined || isSystemEvent(event)) continue;
      const recorded = fromVendorEvent(event);
      if (recorded.position > after) return { done: false, value: recorded };
    }
    return { done: true, value: undefined };
  }

  const iterator: AsyncIterator<RecordedEvent> = {
    next,
    async return() {
      await close();
      return { done: true, value: undefined };
    },
  };
  return { close, [Symbol.asyncIterator]: () => iterator };
}
