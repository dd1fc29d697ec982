/**
 * The EventStoreDB adapter of the EventStore port: a thin layer over @eventstore/db-client v6
 * (esdb-client.ts), tested against EventStoreDB 24.10; KurrentDB 25 speaks the same protocol
 * (docs/eventstoredb.md). The server decides expected revisions and idempotency by event id; this
 * layer maps values (esdb-mapping.ts), hides system events ($-types and $-streams) from $all
 * reads and subscriptions, makes position bounds exclusive, as the port states them, and:
 * - defines recordedAt as one instant per append that never decreases with position
 *   (esdb-system-time.ts), from an envelope stored around the caller's metadata
 *   (esdb-envelope.ts) that reads return unwrapped;
 * - sends appends, stream reads and the head reads that decide commands to the leader
 *   (requires-leader): after a failover a follower answers NotLeader and the client reconnects
 *   to the leader, instead of deciding on a follower's stale head;
 * - refuses to append to a deleted stream (StreamDeletedError): orgtrail never deletes, and a
 *   soft-deleted stream continues its revisions where the hash chain would start again at 0;
 * - translates the client's errors into the port's (translateError).
 *
 * Idempotency, as the server gives it (KurrentDB IndexWriter.CheckCommit): with an exact
 * revision or no_stream, a retried batch whose ids are stored right after that revision is
 * recognised from the stored events (durable); with any or stream_exists only from an in-memory
 * cache of recent event ids on the leader (lost on restart, leader change or eviction). And an
 * append whose exact revision equals the current one is accepted without looking at ids. The
 * hash-chained decorator (src/audit/hash-chained-store.ts) is what makes retries safe for every
 * form; the service appends only with exact revisions and no_stream.
 *
 * Needs EventStoreDB 22.6 or later (positions on stream reads) and, with security on, a user
 * allowed to read $all and to read and write orgtrail's streams and their metadata.
 */
import {
  AccessDeniedError,
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type AppendResult as VendorAppendResult,
  type Credentials,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { StreamDeletedError, UnavailableError } from '../../errors.ts';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, ReadStreamOptions, RecordedEvent, Subscription } from '../event-store.ts';
import { connectEsdb, type EsdbClient } from './esdb-client.ts';
import {
  assertExpectedRevision,
  fromVendorEvent,
  isSystemEvent,
  toEventData,
  toVendorExpectedRevision,
  toVendorPosition,
  translateError,
  wrongRevision,
  type ErrorContext,
} from './esdb-mapping.ts';
import { SystemTime, type StoredEvent } from './esdb-system-time.ts';

/** Events per request when reading $all page by page (system events are dropped client-side). */
const PAGE_SIZE = 500;

/** KurrentDB's EventNumber.DeletedStream ($tb of a soft-deleted stream: long.MaxValue), as JSON.parse reads it. */
const SOFT_DELETED_TRUNCATE_BEFORE = 2 ** 62;

export function createEsdbEventStore(connectionString: string): EventStore {
  const { client, appendCredentials } = connectEsdb(connectionString);
  return esdbEventStoreOver(client, appendCredentials === undefined ? {} : { appendCredentials });
}

export interface EsdbAdapterOptions {
  /** See EsdbConnection.appendCredentials. */
  appendCredentials?: Credentials;
}

export function esdbEventStoreOver(client: EsdbClient, options: EsdbAdapterOptions = {}): EventStore {
  const subscriptions = new Set<Subscription>();
  const credentials = options.appendCredentials === undefined ? {} : { credentials: options.appendCredentials };

  /**
   * Stored events of a stream, from the leader. A missing stream reads as empty, and so does a
   * soft-deleted one (the server answers NotFound); a tombstoned one throws StreamDeletedError.
   */
  async function readStoredStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    if (options.fromRevision !== undefined && !(Number.isSafeInteger(options.fromRevision) && options.fromRevision >= 0)) {
      throw new RangeError(`fromRevision must be an integer >= 0; got ${options.fromRevision}`);
    }
    const fromRevision = options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision);
    try {
      const read = client.readStream(streamId, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision, maxCount: options.maxCount, requiresLeader: true });
      return (await drain(read, { streamId })).flatMap((resolved) => (resolved.event ? [fromVendorEvent(resolved.event)] : []));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /** Port-visible events of $all in read order; `bound` is the exclusive bound the caller gave. */
  async function readStoredAll(options: ReadAllOptions = {}): Promise<{ run: StoredEvent[]; found: StoredEvent[]; fromStart: boolean }> {
    const forwards = options.direction !== 'backwards';
    const bound = options.fromPosition;
    const wanted = options.maxCount ?? Infinity;
    const fromStart = forwards && (bound === undefined || bound < 0);
    const run: StoredEvent[] = [];
    const found: StoredEvent[] = [];
    if (wanted <= 0 || (!forwards && bound !== undefined && bound <= 0)) return { run, found, fromStart };
    // The server reads forwards from an exact position inclusively, backwards exclusively; the
    // port's bound is exclusive both ways, so events at or beyond it are skipped here (but kept
    // in `run`: the event at the bound is the predecessor recordedAt needs).
    let cursor: ReadPosition = bound === undefined || bound < 0 ? (forwards ? START : END) : toVendorPosition(bound);
    let edge = bound ?? (forwards ? -Infinity : Infinity);
    const beyond = (position: number) => (forwards ? position <= edge : position >= edge);
    // A little more than asked for, as system events and the repeated edge event are dropped.
    const pageSize = Number.isFinite(wanted) ? Math.min(PAGE_SIZE, wanted + 16) : PAGE_SIZE;
    const context: ErrorContext = bound === undefined || bound < 0 ? {} : { position: bound };
    for (;;) {
      const page = await drain(client.readAll({ direction: forwards ? FORWARDS : BACKWARDS, fromPosition: cursor, maxCount: pageSize }), context);
      for (const { event } of page) {
        if (event === undefined || isSystemEvent(event)) continue;
        const stored = fromVendorEvent(event);
        if (run.at(-1)?.position !== stored.position) run.push(stored);
        if (beyond(stored.position)) continue;
        found.push(stored);
        if (found.length >= wanted) return { run, found, fromStart };
      }
      const last = page.at(-1)?.event;
      if (page.length < pageSize || last === undefined) return { run, found, fromStart };
      cursor = last.position;
      edge = Number(last.position.commit);
    }
  }

  const systemTime = new SystemTime({
    async before(position, count) {
      const { found } = await readStoredAll({ direction: 'backwards', fromPosition: position, maxCount: count });
      return found;
    },
    async at(streamId, revision) {
      return (await readStoredStream(streamId, { fromRevision: revision, maxCount: 1 }))[0];
    },
  });

  async function readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return systemTime.resolveScattered(await readStoredStream(streamId, options));
  }

  async function readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { run, found, fromStart } = await readStoredAll(options);
    const backwards = options.direction === 'backwards';
    const resolved = await systemTime.resolveRun(backwards ? [...run].reverse() : run, fromStart ? -1 : undefined);
    const byPosition = new Map(resolved.map((event) => [event.position, event]));
    return found.map((event) => byPosition.get(event.position)!);
  }

  async function streamRevision(streamId: string): Promise<number | null> {
    return (await readStoredStream(streamId, { direction: 'backwards', maxCount: 1 }))[0]?.revision ?? null;
  }

  /** The store's last event as the leader has it: what a new append follows (its envelope). */
  async function leaderHead(): Promise<RecordedEvent | undefined> {
    const read = client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 16, requiresLeader: true });
    const last = (await drain(read, {})).find(({ event }) => event !== undefined && !isSystemEvent(event))?.event;
    if (last === undefined) return undefined;
    const stored = fromVendorEvent(last);
    return (await systemTime.resolveScattered([stored]))[0];
  }

  /** Whether the stream was soft-deleted ($tb = DeletedStream in its metadata); appending would continue its revisions. */
  async function softDeleted(streamId: string): Promise<boolean> {
    try {
      const { metadata } = await client.getStreamMetadata(streamId, { requiresLeader: true });
      return Number(metadata?.truncateBefore ?? 0) >= SOFT_DELETED_TRUNCATE_BEFORE;
    } catch (error) {
      // A user without the right to read stream metadata: the server's own checks remain (a
      // tombstoned stream refuses the append).
      if (error instanceof AccessDeniedError) return false;
      throw translateError(error, { streamId });
    }
  }

  async function send(streamId: string, data: ReturnType<typeof toEventData>[], expected: ExpectedRevision): Promise<VendorAppendResult> {
    try {
      return await client.appendToStream(streamId, data, { expectedRevision: toVendorExpectedRevision(expected), requiresLeader: true, ...credentials });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw wrongRevision(streamId, expected, error.actualVersion);
      throw translateError(error, { streamId });
    }
  }

  /** The result of a successful append: the stream's revision and the position of its last event, read from the leader. */
  async function resultAt(streamId: string, revision: number): Promise<AppendResult> {
    if (revision < 0) return { nextExpectedRevision: -1, position: -1 };
    const [last] = await readStoredStream(streamId, { direction: 'backwards', fromRevision: revision, maxCount: 1 });
    if (last === undefined) throw new UnavailableError(`EventStoreDB acknowledged an append to ${streamId} whose last event the leader does not return`);
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async function append(streamId: string, events: EventToAppend[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    assertExpectedRevision(expected);
    if (typeof streamId !== 'string' || streamId === '') throw new TypeError('streamId must be a non-empty string');
    if (!Array.isArray(events)) throw new TypeError('events must be an array');
    if (events.length === 0) {
      // The server decides the expectation (deleted and metadata-only streams included); the
      // client reports a missing stream's revision as 0 on success, so the result is read.
      const result = await send(streamId, [], expected);
      if (!result.success) throw wrongRevision(streamId, expected, await streamRevision(streamId));
      const [last] = await readStoredStream(streamId, { direction: 'backwards', maxCount: 1 });
      return { nextExpectedRevision: last?.revision ?? -1, position: last?.position ?? -1 };
    }
    events.forEach((event, index) => toEventData(event, index, { after: -1, floor: null }));
    if (expected === 'no_stream' && (await softDeleted(streamId))) throw new StreamDeletedError(streamId);
    const head = await leaderHead();
    const envelope = { after: head?.position ?? -1, floor: head ? Date.parse(head.recordedAt) : null };
    const result = await send(streamId, events.map((event, index) => toEventData(event, index, envelope)), expected);
    // Only with throwOnAppendFailure=false in the connection string; the revision the client
    // reports then is not reliable (BatchAppend), so it is read.
    if (!result.success) throw wrongRevision(streamId, expected, await streamRevision(streamId));
    return resultAt(streamId, Number(result.nextExpectedRevision));
  }

  async function headPosition(): Promise<number> {
    const { found } = await readStoredAll({ direction: 'backwards', maxCount: 1 });
    return found[0]?.position ?? -1;
  }

  function subscribeToAll(options: { afterPosition?: number } = {}): Subscription {
    const subscription = openSubscription(client, systemTime, options.afterPosition, () => subscriptions.delete(subscription));
    subscriptions.add(subscription);
    return subscription;
  }

  return {
    kind: 'eventstoredb',
    append,
    readStream,
    readAll,
    streamRevision,
    headPosition,
    subscribeToAll,
    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await client.dispose();
    },
  };
}

/** Reads a streaming read to the end, with the client's errors translated. */
async function drain<E extends ResolvedEvent | AllStreamResolvedEvent>(read: AsyncIterable<E>, context: ErrorContext): Promise<E[]> {
  const events: E[] = [];
  try {
    for await (const resolved of read) events.push(resolved);
  } catch (error) {
    throw translateError(error, context);
  }
  return events;
}

/**
 * A catch-up subscription to $all from afterPosition ({commit, prepare} = the event there,
 * or START), with the server filtering out system event types. Events at or before
 * afterPosition are skipped (the bound is exclusive), so are events of $-streams. close()
 * ends a waiting for-await loop at once, then cancels the gRPC call.
 */
function openSubscription(client: EsdbClient, systemTime: SystemTime, afterPosition: number | undefined, onClose: () => void): Subscription {
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
  /** Position of the last event seen (system events aside): the next one's predecessor; -1 from the start. */
  let previous: number | undefined = after < 0 ? -1 : undefined;
  const CLOSED = Symbol('closed');

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    wake?.();
    onClose();
    await Promise.resolve(vendor.unsubscribe()).catch(() => undefined);
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
      let recorded: RecordedEvent;
      try {
        const stored = fromVendorEvent(event);
        [recorded] = (await systemTime.resolveRun([stored], previous)) as [RecordedEvent];
      } catch (error) {
        await close();
        throw translateError(error);
      }
      previous = recorded.position;
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
