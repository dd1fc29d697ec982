/**
 * A MODEL of documented EventStoreDB/KurrentDB 24.10 behaviour, in process, behind the client
 * interface the adapter uses (src/store/eventstoredb/esdb-client.ts). It is NOT a substitute for
 * the contract run against a real server (test/contract/eventstoredb.int.test.ts): it encodes
 * only the rules below, as read in the server's source (KurrentDB v24.10.14) and the client's
 * dist/ code (@eventstore/db-client 6.2.1), so that the adapter's and the hash-chain decorator's
 * handling of them can be unit-tested where no server runs. Where the model and a server
 * disagree, the server is right and the model is wrong.
 *
 * Rules modelled (IndexWriter.CheckCommit and friends):
 * - expected == current revision: accepted WITHOUT looking at event ids;
 * - expected < current (exact revision or no_stream): idempotent if the ids are the stored events
 *   right after `expected` (read from the stored log: durable); a mismatch at the first id is a
 *   wrong expected version (no_stream on a soft-deleted stream: accepted, revisions continue);
 *   a later mismatch too (CorruptedIdempotency);
 * - any / stream_exists: idempotent only if every id is in a bounded in-memory cache of recent
 *   ids (`forgetIds()`: a restart, a leader change or an eviction); stream_exists on a
 *   soft-deleted stream: deleted; on a stream with neither events nor metadata: wrong version;
 * - tombstoned stream: every append is refused (StreamDeletedError), reads too;
 * - soft-deleted stream ($tb = DeletedStream): reads as not found; revisions continue;
 * - each event gets its own timestamp from the leader's clock (`clock`, ms), one call per event;
 * - an append larger than MaxAppendSize (1 MiB default) is refused (MaxAppendSizeExceededError);
 * - $all positions are log offsets (not contiguous); reading $all from a position that is not an
 *   event's is INVALID_ARGUMENT "Trying to read from an invalid position."; forwards is
 *   inclusive of the position, backwards exclusive;
 * - system events ($-types, $-streams) are in $all;
 * - errors are the client's own classes, built as the client builds them.
 * Faults that tests inject: a committed append whose answer is lost (`loseNextAnswer`), an
 * append racing in just before another (`beforeNextAppend`), denied access, dropped
 * subscriptions, a client left on a follower (`leaveOnFollower`).
 */
import {
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendResult,
  type AppendToStreamOptions,
  type EventData,
  type GetStreamMetadataResult,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import type { EsdbAllSubscription, EsdbClient } from '../../src/store/eventstoredb/esdb-client.ts';

interface LogRecord {
  position: bigint;
  streamId: string;
  revision: number;
  id: string;
  type: string;
  data: Uint8Array;
  metadata: Uint8Array;
  created: Date;
}

interface StreamState {
  last: number;
  tombstoned: boolean;
  /** $tb: events before it are hidden from stream reads; DELETED: soft-deleted. */
  truncateBefore?: number;
}

const DELETED = Number.MAX_SAFE_INTEGER;
const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;
const ID_CACHE_SIZE = 10_000;

export class EsdbServerModel {
  readonly log: LogRecord[] = [];
  readonly streams = new Map<string, StreamState>();
  /** The leader's clock, ms; each event is stamped with one call. */
  clock: () => number = () => Date.now();
  maxAppendSize = DEFAULT_MAX_APPEND_SIZE;
  accessDenied = false;
  #ids = new Map<string, { streamId: string; revision: number }>();
  #nextPosition = 0n;
  #waiters = new Set<() => void>();
  #beforeNextAppend: (() => Promise<void>) | undefined;
  #loseNextAnswer = false;
  #subscriptions = new Set<{ fail(error: Error): void }>();

  constructor() {
    // A fresh node writes system events first.
    this.#write('$epochs', '$epoch-information', new TextEncoder().encode('{}'), new Uint8Array(), crypto.randomUUID());
  }

  /** A client of this server, as the adapter sees one. */
  client(): ModelClient {
    return new ModelClient(this);
  }

  /** The client forgets recent ids: a restart, a leader change or an eviction. */
  forgetIds(): void {
    this.#ids.clear();
  }

  /** The next append is stored, but its caller gets a deadline error (the answer was lost). */
  loseNextAnswer(): void {
    this.#loseNextAnswer = true;
  }

  /** Runs `action` (e.g. another instance's append) right before the next append is decided. */
  beforeNextAppend(action: () => Promise<void>): void {
    this.#beforeNextAppend = action;
  }

  softDelete(streamId: string): void {
    const state = this.streams.get(streamId);
    if (!state) throw new Error(`no stream ${streamId}`);
    state.truncateBefore = DELETED;
    this.#write(`$$${streamId}`, '$metadata', new TextEncoder().encode(JSON.stringify({ $tb: 9223372036854775807 })), new Uint8Array(), crypto.randomUUID());
  }

  tombstone(streamId: string): void {
    const state = this.streams.get(streamId) ?? { last: -1, tombstoned: false };
    this.streams.set(streamId, state);
    this.#write(streamId, '$streamDeleted', new Uint8Array(), new Uint8Array(), crypto.randomUUID(), true);
    state.tombstoned = true;
  }

  /** Subscriptions fail as on a connection loss. */
  dropSubscriptions(): void {
    for (const subscription of this.#subscriptions) subscription.fail(new UnavailableError(undefined as never));
  }

  async append(streamId: string, events: EventData[], expected: AppendToStreamOptions['expectedRevision']): Promise<AppendResult> {
    const racing = this.#beforeNextAppend;
    this.#beforeNextAppend = undefined;
    await racing?.();
    if (this.accessDenied) throw new AccessDeniedError(undefined as never, 'Access denied');
    const payloads = events.map((event) => ({ event, data: bytesOf(event.data), metadata: bytesOf(event.metadata) }));
    const size = payloads.reduce((sum, p) => sum + p.data.length + p.metadata.length + p.event.type.length + 16, 0);
    if (size > this.maxAppendSize) throw MaxAppendSizeExceededError.fromMaxAppendSize(this.maxAppendSize);
    const state = this.streams.get(streamId);
    if (state?.tombstoned) throw StreamDeletedError.fromStreamName(streamId);
    const current = state?.last ?? -1;
    const softDeleted = state?.truncateBefore === DELETED;
    const ids = events.map((event) => event.id);
    const wrong = (): never => {
      throw new WrongExpectedVersionError(undefined as never, {
        streamName: streamId,
        current: current >= 0 ? BigInt(current) : 'no_stream',
        expected: expected ?? 'any',
      });
    };
    const idempotent = (last: number): AppendResult => ({ success: true, nextExpectedRevision: BigInt(last), position: this.#positionOf(streamId, last) });

    if (expected === 'stream_exists') {
      if (softDeleted) throw StreamDeletedError.fromStreamName(streamId);
      if (current < 0 && state?.truncateBefore === undefined) wrong();
    }
    if (expected === 'any' || expected === 'stream_exists' || expected === undefined) {
      const cached = ids.map((id) => this.#ids.get(id));
      if (cached.length > 0 && cached[0]?.streamId === streamId) {
        if (cached.every((hit) => hit?.streamId === streamId)) return idempotent(cached.at(-1)!.revision);
        wrong();
      }
      return this.#commit(streamId, payloads, current, softDeleted);
    }
    const exp = expected === 'no_stream' ? -1 : Number(expected);
    if (exp < current) {
      if (ids.length === 0) wrong();
      for (let i = 0; i < ids.length; i += 1) {
        const stored = this.log.find((r) => r.streamId === streamId && r.revision === exp + 1 + i && !r.type.startsWith('$'));
        if (stored?.id === ids[i]) continue;
        if (i === 0 && expected === 'no_stream' && softDeleted) return this.#commit(streamId, payloads, current, softDeleted);
        wrong();
      }
      return idempotent(exp + ids.length);
    }
    if (exp > current) wrong();
    return this.#commit(streamId, payloads, current, softDeleted);
  }

  #commit(streamId: string, payloads: { event: EventData; data: Uint8Array; metadata: Uint8Array }[], current: number, softDeleted: boolean): AppendResult {
    const state = this.streams.get(streamId) ?? { last: -1, tombstoned: false };
    if (payloads.length > 0) this.streams.set(streamId, state);
    if (softDeleted && payloads.length > 0) state.truncateBefore = current + 1;
    let position: bigint | undefined;
    for (const { event, data, metadata } of payloads) {
      state.last += 1;
      position = this.#write(streamId, event.type, data, metadata, event.id);
      this.#ids.set(event.id, { streamId, revision: state.last });
      if (this.#ids.size > ID_CACHE_SIZE) this.#ids.delete(this.#ids.keys().next().value!);
    }
    // As the client reads a success: current revision (0 for a stream that still does not exist).
    const result: AppendResult = { success: true, nextExpectedRevision: BigInt(Math.max(state.last, 0)), position: position === undefined ? undefined : { commit: position, prepare: position } };
    if (this.#loseNextAnswer && payloads.length > 0) {
      this.#loseNextAnswer = false;
      throw new DeadlineExceededError(undefined as never);
    }
    return result;
  }

  #write(streamId: string, type: string, data: Uint8Array, metadata: Uint8Array, id: string, system = false): bigint {
    const position = this.#nextPosition;
    const state = this.streams.get(streamId);
    const revision = system && state ? state.last + 1 : (state?.last ?? 0);
    this.log.push({ position, streamId, revision, id, type, data, metadata, created: new Date(this.clock()) });
    this.#nextPosition += BigInt(64 + data.length + metadata.length);
    for (const wake of this.#waiters) wake();
    return position;
  }

  #positionOf(streamId: string, revision: number) {
    const record = this.log.find((r) => r.streamId === streamId && r.revision === revision && !r.type.startsWith('$'));
    return record ? { commit: record.position, prepare: record.position } : undefined;
  }

  readStream(streamId: string, options: ReadStreamOptions): LogRecord[] {
    const state = this.streams.get(streamId);
    if (state?.tombstoned) throw StreamDeletedError.fromStreamName(streamId);
    if (!state || state.truncateBefore === DELETED) throw new StreamNotFoundError(undefined as never, streamId);
    const visible = this.log.filter((r) => r.streamId === streamId && !r.type.startsWith('$') && r.revision >= (state.truncateBefore ?? 0));
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision === undefined || options.fromRevision === 'start' || options.fromRevision === 'end' ? undefined : Number(options.fromRevision);
    const ordered = backwards ? [...visible].reverse() : visible;
    const started = from === undefined ? ordered : ordered.filter((r) => (backwards ? r.revision <= from : r.revision >= from));
    return started.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
  }

  readAll(options: ReadAllOptions): LogRecord[] {
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition ?? (backwards ? 'end' : 'start');
    if (typeof from === 'object' && !this.log.some((r) => r.position === from.commit) && from.commit !== this.#nextPosition) {
      throw new UnknownError({ code: 3, message: '3 INVALID_ARGUMENT: Trying to read from an invalid position.' } as never);
    }
    const ordered = backwards ? [...this.log].reverse() : this.log;
    const started =
      typeof from === 'object' ? ordered.filter((r) => (backwards ? r.position < from.commit : r.position >= from.commit)) : ordered;
    return started.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
  }

  metadataOf(streamId: string): GetStreamMetadataResult {
    const truncateBefore = this.streams.get(streamId)?.truncateBefore;
    if (truncateBefore === undefined) return { streamName: streamId };
    return { streamName: streamId, metadata: { truncateBefore: truncateBefore === DELETED ? 9223372036854775807 : truncateBefore } };
  }

  /** Resolves when something is written (subscriptions wait on it). */
  written(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.#waiters.delete(wake);
        resolve();
      };
      this.#waiters.add(wake);
    });
  }

  track(subscription: { fail(error: Error): void }): () => void {
    this.#subscriptions.add(subscription);
    return () => this.#subscriptions.delete(subscription);
  }
}

/** One client connection; `leaveOnFollower()` leaves it on a follower that lags `lag` events behind. */
export class ModelClient implements EsdbClient {
  /** Operations the adapter sent, with whether they required the leader. */
  readonly calls: { op: string; requiresLeader: boolean; credentials?: unknown }[] = [];
  #followerLag: number | undefined;

  constructor(private readonly server: EsdbServerModel) {}

  leaveOnFollower(lag: number): void {
    this.#followerLag = lag;
  }

  /** As the client does on NotLeader: reconnect to the leader. */
  #checkLeader(requiresLeader: boolean | undefined): void {
    if (this.#followerLag === undefined || !requiresLeader) return;
    this.#followerLag = undefined;
    throw new NotLeaderError({ message: 'Leader info available', metadata: { getMap: () => ({ 'leader-endpoint-host': 'n1', 'leader-endpoint-port': '2113' }) } } as never);
  }

  /** The records this client's node has (a follower lags). */
  #visible(records: LogRecord[]): LogRecord[] {
    if (this.#followerLag === undefined) return records;
    const known = new Set(this.server.log.slice(0, Math.max(0, this.server.log.length - this.#followerLag)));
    return records.filter((r) => known.has(r));
  }

  async appendToStream(streamName: string, events: EventData[], options: AppendToStreamOptions): Promise<AppendResult> {
    this.calls.push({ op: 'append', requiresLeader: options.requiresLeader === true, credentials: options.credentials });
    this.#checkLeader(options.requiresLeader);
    return this.server.append(streamName, events, options.expectedRevision);
  }

  readStream(streamName: string, options: ReadStreamOptions): AsyncIterable<ResolvedEvent> {
    this.calls.push({ op: `readStream ${streamName}`, requiresLeader: options.requiresLeader === true });
    const records = () => {
      this.#checkLeader(options.requiresLeader);
      return this.#visible(this.server.readStream(streamName, options));
    };
    return lazily(records, toResolved);
  }

  readAll(options: ReadAllOptions): AsyncIterable<AllStreamResolvedEvent> {
    this.calls.push({ op: 'readAll', requiresLeader: options.requiresLeader === true });
    const records = () => {
      this.#checkLeader(options.requiresLeader);
      return this.#visible(this.server.readAll(options));
    };
    return lazily(records, toResolved) as AsyncIterable<AllStreamResolvedEvent>;
  }

  async getStreamMetadata(streamName: string, options?: { requiresLeader?: boolean }): Promise<GetStreamMetadataResult> {
    this.calls.push({ op: `metadata ${streamName}`, requiresLeader: options?.requiresLeader === true });
    this.#checkLeader(options?.requiresLeader);
    return this.server.metadataOf(streamName);
  }

  subscribeToAll(options: SubscribeToAllOptions): EsdbAllSubscription {
    const server = this.server;
    const from = options.fromPosition;
    let after = typeof from === 'object' ? from.commit : -1n;
    let failure: Error | undefined;
    let stopped = false;
    let wakeUp: (() => void) | undefined;
    const untrack = server.track({
      fail(error) {
        failure = error;
        wakeUp?.();
      },
    });
    async function* events(): AsyncGenerator<AllStreamResolvedEvent> {
      try {
        while (!stopped) {
          if (failure) throw failure;
          const next = server.log.find((r) => r.position > after && !r.type.startsWith('$'));
          if (next) {
            after = next.position;
            yield toResolved(next) as AllStreamResolvedEvent;
            continue;
          }
          await new Promise<void>((resolve) => {
            wakeUp = resolve;
            void server.written().then(resolve);
          });
        }
      } finally {
        untrack();
      }
    }
    const iterator = events();
    return {
      on: () => undefined,
      unsubscribe: async () => {
        stopped = true;
        wakeUp?.();
      },
      destroy: () => {
        stopped = true;
        wakeUp?.();
      },
      [Symbol.asyncIterator]: () => iterator,
    };
  }

  async dispose(): Promise<void> {}
}

function lazily<T>(records: () => LogRecord[], map: (record: LogRecord) => T): AsyncIterable<T> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const record of records()) yield map(record);
    },
  };
}

function toResolved(record: LogRecord): ResolvedEvent {
  const text = new TextDecoder().decode(record.data);
  const metadataText = new TextDecoder().decode(record.metadata);
  const event = {
    streamId: record.streamId,
    id: record.id,
    revision: BigInt(record.revision),
    type: record.type,
    // As the client: JSON data parsed, metadata parsed when it is JSON, absent when empty.
    data: text === '' ? {} : (JSON.parse(text) as unknown),
    metadata: record.metadata.length === 0 ? undefined : parseOr(metadataText, record.metadata),
    isJson: true,
    created: record.created,
    position: { commit: record.position, prepare: record.position },
  };
  return { event, commitPosition: record.position } as unknown as ResolvedEvent;
}

function parseOr(text: string, raw: Uint8Array): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return raw;
  }
}

function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value === undefined) return new Uint8Array();
  return new TextEncoder().encode(JSON.stringify(value));
}
