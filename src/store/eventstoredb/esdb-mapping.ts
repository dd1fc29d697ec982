/**
 * Mapping between the EventStore port and @eventstore/db-client v6 (checked against its
 * dist/*.d.ts and dist/*.js): expected revisions, events (with the adapter's metadata envelope,
 * esdb-envelope.ts), positions and errors.
 *
 * Positions. The port has one number per event: Number(position.commit). Commit positions
 * are byte offsets in the server's transaction log, so they stay below 2^53 (8 PiB of log)
 * in any realistic store; toPortPosition still refuses a larger one rather than round it.
 * For events appended without explicit transactions (all appends over gRPC) the server
 * reports commit == prepare == the event's own log position (KurrentDB AllReader records
 * implicitly committed prepares at eventRecord.LogPosition; the ESDB team: "prepare position
 * can only be different if you use explicit transactions", EventStore issue #3989), so
 * {commit: p, prepare: p} is the exact $all position of the event at p.
 */
import { randomUUID } from 'node:crypto';
import {
  ANY,
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  InvalidArgumentError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  STREAM_EXISTS,
  StreamDeletedError as VendorStreamDeletedError,
  TimeoutError,
  UnavailableError as VendorUnavailableError,
  UnknownError,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type Position,
  type RecordedEvent as VendorRecordedEvent,
} from '@eventstore/db-client';
import {
  AppError,
  AppendTooLargeError,
  InvalidPositionError,
  StoreAccessDeniedError,
  StreamDeletedError,
  UnavailableError,
  WrongExpectedRevisionError,
} from '../../errors.ts';
import type { EventToAppend, ExpectedRevision } from '../event-store.ts';
import { unwrapMetadata, wrapMetadata, type Envelope } from './esdb-envelope.ts';
import type { StoredEvent } from './esdb-system-time.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertExpectedRevision(value: unknown): asserts value is ExpectedRevision {
  const valid =
    value === 'any' || value === 'no_stream' || value === 'stream_exists' || (Number.isSafeInteger(value) && (value as number) >= 0);
  if (!valid) {
    throw new RangeError(`expectedRevision must be 'any', 'no_stream', 'stream_exists' or an integer >= 0; got ${String(value)}`);
  }
}

export function toVendorExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

export function wrongRevision(streamId: string, expected: ExpectedRevision, actual: bigint | number | null | 'no_stream'): WrongExpectedRevisionError {
  const known = actual !== null && actual !== 'no_stream' && actual >= 0;
  return new WrongExpectedRevisionError(streamId, String(expected), known ? String(actual) : 'no_stream');
}

/**
 * A JSON event with the caller's id (so the server's idempotency by event id applies) or a
 * fresh UUID. Metadata is sent as the UTF-8 bytes of its envelope's JSON text (esdb-envelope.ts),
 * which keeps any metadata value the port must keep (null, 0, false, '' included).
 */
export function toEventData(event: EventToAppend, index: number, envelope: Omit<Envelope, 'index'>): EventData {
  if (typeof event?.type !== 'string' || event.type === '') throw new TypeError(`events[${index}].type must be a non-empty string`);
  if (event.id !== undefined && !UUID.test(event.id)) throw new TypeError(`events[${index}].id must be a UUID`);
  return jsonEvent({
    id: event.id?.toLowerCase() ?? randomUUID(),
    type: event.type,
    // The client JSON.stringify-s data; undefined has no JSON form, so it is stored as null.
    data: (event.data === undefined ? null : event.data) as JSONType,
    metadata: new TextEncoder().encode(wrapMetadata(event.metadata, { ...envelope, index })),
  });
}

/** Servers before 22.6 send no position with stream reads; the client then reads 2^64 - 1. */
const UNKNOWN_POSITION = 2n ** 64n - 1n;

export function toPortPosition(commit: bigint): number {
  if (commit === UNKNOWN_POSITION) {
    throw new UnavailableError('EventStoreDB sent no event positions on stream reads: orgtrail needs EventStoreDB 22.6 or later (24.10 is the tested version)', 60);
  }
  if (commit < 0n || commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`EventStoreDB commit position ${commit} is outside 0..2^53-1`);
  }
  return Number(commit);
}

/** The exact $all position of the event at port position `position` (see the header). */
export function toVendorPosition(position: number): Position {
  if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`a position must be an integer >= 0; got ${position}`);
  return { commit: BigInt(position), prepare: BigInt(position) };
}

export function isSystemEvent(event: { type: string; streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/** The event as stored, its envelope separated from the caller's metadata; recordedAt is resolved later (esdb-system-time.ts). */
export function fromVendorEvent(event: VendorRecordedEvent): StoredEvent {
  if (event.position === undefined) {
    throw new UnavailableError('EventStoreDB returned an event without its position: orgtrail needs EventStoreDB 22.6 or later (24.10 is the tested version)', 60);
  }
  // No metadata bytes at all (an event written by another client) reads as null, as embedded.
  const stored = event.metadata === undefined ? null : fromPayload(event.metadata);
  const { metadata, envelope } = unwrapMetadata(stored);
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: toPortPosition(event.position.commit),
    type: event.type,
    data: fromPayload(event.data),
    metadata,
    // v6 converts the server's `created` (.NET ticks) to a Date with millisecond precision.
    created: event.created.getTime(),
    ...(envelope ? { envelope } : {}),
  };
}

/** JSON events arrive parsed; binary payloads (or JSON the client could not parse) are decoded here. */
function fromPayload(payload: unknown): unknown {
  if (!(payload instanceof Uint8Array)) return payload;
  const text = new TextDecoder().decode(payload);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** What the failing call was about, for the port error that names it. */
export interface ErrorContext {
  streamId?: string;
  /** The $all position the call read from. */
  position?: number;
}

/**
 * The client's errors as the port's (src/errors.ts), each with an answer a person can act on:
 * - stream deleted (soft-deleted for `stream_exists`, or tombstoned) → StreamDeletedError (410);
 * - access denied (the service's user lacks a right) → StoreAccessDeniedError (503, operator);
 * - an append over the server's MaxAppendSize → AppendTooLargeError (413), nothing appended;
 * - a read from a position that is not an event's (gRPC INVALID_ARGUMENT "invalid position") →
 *   InvalidPositionError (400);
 * - connection failures, deadlines, not-leader (the client reconnects to the leader) →
 *   UnavailableError (503, Retry-After).
 * Port errors pass unchanged; anything else is returned as it is (a bug: 500).
 */
export function translateError(error: unknown, context: ErrorContext = {}): unknown {
  if (error instanceof AppError) return error;
  const translated = portErrorOf(error, context);
  if (translated === undefined) return error;
  Object.defineProperty(translated, 'cause', { value: error });
  return translated;
}

function portErrorOf(error: unknown, context: ErrorContext): AppError | undefined {
  if (error instanceof VendorStreamDeletedError) return new StreamDeletedError(error.streamName ?? context.streamId ?? '(unknown)');
  if (error instanceof AccessDeniedError) {
    const what = context.streamId === undefined ? 'a read of $all' : `stream ${context.streamId}`;
    return new StoreAccessDeniedError(`EventStoreDB denied access (${what}): the connection string's user needs read and write on orgtrail's streams and read on $all`);
  }
  if (error instanceof MaxAppendSizeExceededError) return new AppendTooLargeError(context.streamId ?? '(unknown)', error.maxAppendSize);
  if (context.position !== undefined && isInvalidPosition(error)) return new InvalidPositionError(context.position);
  if (isUnavailable(error)) return new UnavailableError(`EventStoreDB is unavailable: ${(error as Error).message}`);
  return undefined;
}

/** KurrentDB answers a read from a non-event position with INVALID_ARGUMENT "Trying to read from an invalid position." */
function isInvalidPosition(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (error instanceof InvalidArgumentError || error instanceof UnknownError || code === 3) && /invalid position/i.test(error.message);
}

function isUnavailable(error: unknown): boolean {
  if (
    error instanceof VendorUnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError
  ) {
    return true;
  }
  if (!(error instanceof Error)) return false;
  // Raw gRPC errors escape the client in places (e.g. its server-features probe before an
  // append): 14 UNAVAILABLE, 4 DEADLINE_EXCEEDED. Gossip discovery fails with a plain Error.
  const code = (error as { code?: unknown }).code;
  return code === 14 || code === 4 || /^Failed to discover after \d+ attempts/.test(error.message);
}
