/**
 * The event store port. Adapters: embedded (SQLite, default) and EventStoreDB.
 * Semantics follow EventStoreDB so that both adapters pass one contract suite
 * (test/contract/event-store.contract.ts).
 *
 * Time semantics: `recordedAt` is system time, set by the store (never by the caller): one
 * instant per append, shared by all its events, that never decreases as `position` grows, on
 * both adapters (embedded: the commit's instant on a clock kept monotonic; EventStoreDB: the
 * server's stamp of the append's first event, raised to the previous append's recordedAt when a
 * leader's clock is behind: src/store/eventstoredb/esdb-system-time.ts). So a cut by
 * `asKnownAt` never splits an append. Valid time lives in the event metadata (`effectiveFrom`),
 * never here.
 *
 * Idempotency by event id: re-appending a stored batch returns the original result and appends
 * nothing — durably on the embedded store for every form, and on EventStoreDB for an exact
 * revision or no_stream (the server reads the stored events after that revision). With `any` or
 * `stream_exists`, EventStoreDB only consults an in-memory cache of recent ids on the leader
 * (lost on restart, leader change or eviction): a retry may be stored twice. The hash-chained
 * store (src/audit/hash-chained-store.ts), through which the service appends, makes every form
 * durable; the service appends only with exact revisions and no_stream anyway.
 *
 * Deletion: the port has no delete, and orgtrail never deletes a stream. A stream deleted in
 * EventStoreDB by an operator is refused to appends (StreamDeletedError); a soft-deleted one
 * reads as missing, a tombstoned one throws StreamDeletedError; verifyLog reports both.
 */

/** EventStoreDB's expected-revision forms; a number is the exact revision of the last event. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface EventToAppend {
  /** UUID. Re-appending the same ids is idempotent (see the header for how durably). Generated when absent. */
  id?: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

export interface RecordedEvent {
  id: string;
  streamId: string;
  /** 0-based index of the event within its stream. */
  revision: number;
  /** Global, strictly increasing across the store; not necessarily contiguous (EventStoreDB). */
  position: number;
  type: string;
  data: unknown;
  metadata: unknown;
  /** ISO-8601 UTC instant at which the store recorded the event's append (system time; see the header). */
  recordedAt: string;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextExpectedRevision: number;
  /** Global position of the last event appended (or found, for an idempotent retry). */
  position: number;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: Direction;
  /** Inclusive start revision; default: start (forwards) or end (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  direction?: Direction;
  /**
   * Exclusive bound: forwards reads events with position > fromPosition,
   * backwards reads events with position < fromPosition. Default: from the start / the end.
   */
  fromPosition?: number;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Deliver events with position > afterPosition; default: from the very first event. */
  afterPosition?: number;
}

/**
 * A catch-up subscription to all events: history first, then live, in position order,
 * each event exactly once. Iterate it; `close()` ends the iteration.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  readonly kind: 'embedded' | 'eventstoredb';
  /** Atomic: all events or none. Resolves only once the events are durable. */
  append(streamId: string, events: EventToAppend[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  /** Throws NotFoundError-free: a missing stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Revision of the last event of the stream, or null if the stream does not exist. */
  streamRevision(streamId: string): Promise<number | null>;
  /** Position of the last event in the store, or -1 when empty. */
  headPosition(): Promise<number>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  close(): Promise<void>;
}

/**
 * A stored event that cannot be read as an event: its data or metadata is not JSON, or does
 * not match its type's schema. The log is damaged at that position; nothing downstream may
 * guess around it (the projector stops, verification reports it).
 */
export class UnreadableEventError extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super(`the stored event at position ${position} cannot be read: ${reason}`);
    this.name = 'UnreadableEventError';
  }
}
