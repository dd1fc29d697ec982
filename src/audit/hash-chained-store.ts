/**
 * Hash-chains every event to the previous event of its stream, for both adapters alike. Each
 * appended event gets `metadata.integrity = {hash, previousHash}` (event-hash.ts); reads return
 * the events as stored, integrity included.
 *
 * A store that chains natively (the embedded store: `appendChained`) hashes each append inside
 * its own write transaction, onto the head it reads there; hashChained then only routes appends
 * to it (no read, no second encoding, no retries). For any other store (EventStoreDB) this module
 * is a decorator, described below.
 *
 * How an append is made: read the stream's last event (revision and hash), hash the batch onto
 * it, append with exactly that revision. So a chain can never fork: if another writer got in
 * between, the store refuses the append.
 * - Caller's 'any' / 'stream_exists': a lost race is retried on the new head (up to 5 times).
 * - Caller's exact revision / 'no_stream': honoured as given; a mismatch is the store's
 *   WrongExpectedRevisionError, never retried.
 * - Idempotency is kept as the port states it, durably, on every store: a batch whose ids are
 *   already, in order, consecutive events of the stream (where the caller's expectation puts
 *   them) returns the original result and appends nothing; a partial match is a
 *   WrongExpectedRevisionError. With an exact revision or 'no_stream' the store's own check at
 *   that revision decides it. With 'any' or 'stream_exists' (and ids given) the stream is read
 *   for a copy before the batch is chained (start): the decorator hands the store an exact
 *   revision, and EventStoreDB accepts one equal to the current revision without looking at ids,
 *   so without that read a retried, already stored batch would be stored twice. That read is of
 *   the whole stream: the service itself appends only with exact revisions and 'no_stream'.
 * - Appends to one stream are chained in-process without waiting for each other's commit: the
 *   head an append will leave is predicted when it is handed to the store, so the next append
 *   to that stream hashes onto it at once and both can share one group commit (KeyedLock keeps
 *   the hashing of one stream in call order). If a predicted append fails, the prediction is
 *   dropped and the appends chained onto it fail their expected revision and are retried on the
 *   stored head; a caller's exact revision that disagrees with a prediction is checked against
 *   the stored head once the appends in flight have settled.
 *
 * Metadata must be a JSON object (the decorator adds a member to it; an `integrity` member given
 * by the caller is replaced). Data and metadata are normalised to plain JSON before hashing,
 * exactly as the adapters store them.
 */
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../errors.ts';
import { isExpectedRevision, satisfies } from '../store/embedded/append-to-stream.ts';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, RecordedEvent } from '../store/event-store.ts';
import { toJsonValue } from './canonical-json.ts';
import { chainableMetadataJson, eventHash, integrityOf, type Integrity } from './event-hash.ts';
import { KeyedLock } from './keyed-lock.ts';

const MAX_ATTEMPTS = 5;

interface PreparedEvent {
  id: string;
  /** False when the decorator generated the id: such an id cannot match a stored event. */
  idGiven: boolean;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

interface StreamHead {
  revision: number;
  hash: string | null;
}

/** The head a stream will have once the append handed to the store commits. */
interface PredictedHead {
  head: StreamHead;
  /** Settles (never rejects) when the append that predicted it has committed or failed. */
  settled: Promise<unknown>;
}

/** A store that chains appends itself, inside its write transaction (see the embedded store). */
export interface NativelyChainingStore extends EventStore {
  appendChained(streamId: string, events: EventToAppend[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
}

function chainsNatively(store: EventStore): store is NativelyChainingStore {
  return typeof (store as Partial<NativelyChainingStore>).appendChained === 'function';
}

export function hashChained(inner: EventStore): EventStore {
  if (chainsNatively(inner)) return nativelyChained(inner);
  return chainingDecorator(inner);
}

/** The store's own chained appends as its `append`; the result chains natively too, so wrapping it again changes nothing. */
function nativelyChained(inner: NativelyChainingStore): NativelyChainingStore {
  const appendChained: NativelyChainingStore['appendChained'] = (streamId, events, options) => inner.appendChained(streamId, events, options);
  return { ...storeWithAppend(inner, appendChained), appendChained };
}

/** `inner` with another `append`; every other call goes to `inner` (and nothing else of it shows). */
export function storeWithAppend(inner: EventStore, append: EventStore['append']): EventStore {
  return {
    kind: inner.kind,
    append,
    readStream: (streamId, options) => inner.readStream(streamId, options),
    readAll: (options) => inner.readAll(options),
    streamRevision: (streamId) => inner.streamRevision(streamId),
    headPosition: () => inner.headPosition(),
    subscribeToAll: (options) => inner.subscribeToAll(options),
    close: () => inner.close(),
  };
}

function chainingDecorator(inner: EventStore): EventStore {
  const locks = new KeyedLock();
  const predicted = new Map<string, PredictedHead>();

  /** The predicted head if it satisfies the caller; otherwise the stored one, once appends in flight settle. */
  async function headFor(streamId: string, expected: ExpectedRevision): Promise<StreamHead | null> {
    const prediction = predicted.get(streamId);
    if (prediction && satisfies(expected, prediction.head.revision)) return prediction.head;
    if (prediction) {
      await prediction.settled;
      if (predicted.get(streamId) === prediction) predicted.delete(streamId);
    }
    return head(streamId);
  }

  /**
   * Hashes the batch onto the head and hands it to the store; resolves before the commit. With
   * 'any' or 'stream_exists' and ids given by the caller, an earlier copy of the batch is looked
   * for first: the store is handed an exact revision, which EventStoreDB accepts without looking
   * at ids when it is the current one, so a retried batch (after a timeout, or from another
   * instance) would otherwise be appended a second time. The stream is read once every append
   * this process has in flight on it has settled, and after any head it is chained onto: a copy
   * stored before that read is found, and one stored after it makes the head stale, so the store
   * either refuses the append or recognises the copy at the revision after it.
   */
  async function start(streamId: string, events: PreparedEvent[], expected: ExpectedRevision): Promise<Started> {
    if (!looksForCopies(events, expected)) return handOver(streamId, events, expected, await headFor(streamId, expected));
    const prediction = predicted.get(streamId);
    if (prediction) await prediction.settled;
    const stored = await inner.readStream(streamId);
    const prior = priorAmong(stored, events);
    if (prior === 'conflict') return { refused: headOf(stored.at(-1)), partial: true };
    if (prior !== 'absent') return { prior };
    return handOver(streamId, events, expected, headOf(stored.at(-1)));
  }

  function handOver(streamId: string, events: PreparedEvent[], expected: ExpectedRevision, current: StreamHead | null): Started {
    const revision = current?.revision ?? null;
    if (!satisfies(expected, revision)) return { refused: current, partial: false };
    const chained = chain(streamId, events, current);
    const appending = inner.append(streamId, chained, { expectedRevision: revision ?? 'no_stream' });
    const last = chained[chained.length - 1]!;
    const prediction: PredictedHead = {
      head: { revision: (revision ?? -1) + chained.length, hash: integrityOf(last.metadata)!.hash },
      settled: appending.then(
        () => undefined,
        () => undefined,
      ),
    };
    predicted.set(streamId, prediction);
    // Kept only while in flight (memory stays bounded by the appends in progress); once it has
    // settled, the next append reads the stored head.
    void prediction.settled.then(() => {
      if (predicted.get(streamId) === prediction) predicted.delete(streamId);
    });
    return { appending };
  }

  async function head(streamId: string): Promise<StreamHead | null> {
    const [last] = await inner.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return headOf(last);
  }

  /** The result of an earlier append of this batch starting at `start`, if the stream holds it there. */
  async function priorAt(streamId: string, events: PreparedEvent[], start: number): Promise<AppendResult | undefined> {
    const stored = await inner.readStream(streamId, { fromRevision: start, maxCount: events.length });
    return sameBatch(stored, events) ? resultOf(stored) : undefined;
  }

  async function appendChained(streamId: string, events: PreparedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    for (let attempt = 1; ; attempt += 1) {
      const started = await locks.run(streamId, () => start(streamId, events, expected));
      if ('prior' in started) return started.prior;
      if ('refused' in started) {
        const revision = started.refused?.revision ?? null;
        const from = expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : undefined;
        const prior = from === undefined || started.partial ? undefined : await priorAt(streamId, events, from);
        if (prior) return prior;
        throw new WrongExpectedRevisionError(streamId, String(expected), revision === null ? 'no_stream' : String(revision));
      }
      try {
        return await started.appending;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (expected === 'no_stream' || typeof expected === 'number') {
          const prior = await priorAt(streamId, events, expected === 'no_stream' ? 0 : expected + 1);
          if (prior) return prior;
          throw error;
        }
        // A lost race: the next attempt chains onto the new head (and looks for a copy again).
        if (attempt >= MAX_ATTEMPTS) {
          const now = await inner.streamRevision(streamId);
          throw new WrongExpectedRevisionError(streamId, String(expected), now === null ? 'no_stream' : String(now));
        }
      }
    }
  }

  return storeWithAppend(inner, async (streamId, events, options = {}) => {
    const expected = options.expectedRevision ?? 'any';
    if (!isExpectedRevision(expected)) {
      throw new RangeError(`expectedRevision must be 'any', 'no_stream', 'stream_exists' or an integer >= 0; got ${String(expected)}`);
    }
    if (!Array.isArray(events)) throw new TypeError('events must be an array');
    if (events.length === 0) return inner.append(streamId, events, { expectedRevision: expected });
    return appendChained(streamId, events.map(prepare), expected);
  });
}

function prepare(event: EventToAppend, index: number): PreparedEvent {
  return {
    id: typeof event.id === 'string' ? event.id.toLowerCase() : randomUUID(),
    idGiven: typeof event.id === 'string',
    type: event.type,
    data: toJsonValue(event.data),
    metadata: JSON.parse(chainableMetadataJson(event.metadata, index)) as Record<string, unknown>,
  };
}

function chain(streamId: string, events: PreparedEvent[], current: StreamHead | null): EventToAppend[] {
  let previousHash = current?.hash ?? null;
  let revision = current?.revision ?? -1;
  return events.map((event) => {
    revision += 1;
    const { id, type, data, metadata } = event;
    const hash = eventHash({ streamId, revision, id, type, data, metadata }, previousHash);
    const integrity: Integrity = { hash, previousHash };
    previousHash = hash;
    return { id: event.id, type: event.type, data: event.data, metadata: { ...event.metadata, integrity } };
  });
}

type Started = { appending: Promise<AppendResult> } | { refused: StreamHead | null; partial: boolean } | { prior: AppendResult };

/** Forms whose retries the store does not recognise durably by itself (see start). */
function looksForCopies(events: PreparedEvent[], expected: ExpectedRevision): boolean {
  return (expected === 'any' || expected === 'stream_exists') && events.some((event) => event.idGiven);
}

function headOf(event: RecordedEvent | undefined): StreamHead | null {
  return event === undefined ? null : { revision: event.revision, hash: integrityOf(event.metadata)?.hash ?? null };
}

/** Where 'any' puts no constraint: the batch may sit anywhere in the stream; a batch some of whose ids are stored, but not as one run in order, conflicts. */
function priorAmong(stored: RecordedEvent[], events: PreparedEvent[]): AppendResult | 'absent' | 'conflict' {
  const ids = new Set(events.map((e) => e.id));
  const start = stored.findIndex((e) => e.id === events[0]?.id);
  if (start < 0) return stored.some((e) => ids.has(e.id)) ? 'conflict' : 'absent';
  const run = stored.slice(start, start + events.length);
  return sameBatch(run, events) ? resultOf(run) : 'conflict';
}

function sameBatch(stored: RecordedEvent[], events: PreparedEvent[]): boolean {
  return stored.length === events.length && stored.every((e, i) => e.id === events[i]?.id);
}

function resultOf(stored: RecordedEvent[]): AppendResult {
  const last = stored[stored.length - 1]!;
  return { nextExpectedRevision: last.revision, position: last.position };
}
