/**
 * Mapping between the EventStore port and @eventstore/db-client v6 (checked against its
 * dist/*.d.ts and dist/*.js): expected revisions, events, positions and errors.
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
  CancelledError,
  DeadlineExceededError,
  NO_STREAM,
  NotLeaderError,
  STREAM_EXISTS,
  TimeoutError,
  UnavailableError as VendorUnavailableError,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type Position,
  type RecordedEvent as VendorRecordedEvent,
} from '@eventstore/db-client';
import { AppError, UnavailableError, WrongExpectedRevisionError } from '../../errors.ts';
import type { EventToAppend, ExpectedRevision, RecordedEvent } from '../event-store.ts';

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

/** Whether a stream at `current` (null: absent) satisfies `expected`; as the server decides it. */
export function satisfies(expected: ExpectedRevision, current: number | null): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === null;
  if (expected === 'stream_exists') return current !== null;
  return current === expected;
}

export function wrongRevision(streamId: string, expected: ExpectedRevision, actual: bigint | number | null | 'no_stream'): WrongExpectedRevisionError {
  const known = actual !== null && actual !== 'no_stream' && actual >= 0;
  return new WrongExpectedRevisionError(streamId, String(expected), known ? String(actual) : 'no_stream');
}

/**
 * A JSON event with the caller's id (so the server's idempotency by event id applies) or a
 * fresh UUID. Metadata is sent as the UTF-8 bytes of its JSON text: the client would drop a
 * falsy metadata value (null, 0, false, '') that the port must keep.
 */
export function toEventData(event: EventToAppend, index: number): EventData {
  if (typeof event?.type !== 'string' || event.type === '') throw new TypeError(`events[${index}].type must be a non-empty string`);
  if (event.id !== undefined && !UUID.test(event.id)) throw new TypeError(`events[${index}].id must be a UUID`);
  return jsonEvent({
    id: event.id?.toLowerCase() ?? randomUUID(),
    type: event.type,
    // The client JSON.stringify-s data; undefined has no JSON form, so it is stored as null.
    data: (event.data === undefined ? null : event.data) as JSONType,
    metadata: new TextEncoder().encode(JSON.stringify(event.metadata) ?? 'null'),
  });
}

export function toPortPosition(commit: bigint): number {
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

export function fromVendorEvent(event: VendorRecordedEvent): RecordedEvent {
  if (event.position === undefined) {
    throw new Error('EventStoreDB returned an event without its position: the server must be 22.6 or later');
  }
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: toPortPosition(event.position.commit),
    type: event.type,
    data: fromPayload(event.data),
    // No metadata bytes at all (an event written by another client) reads as null, as embedded.
    metadata: event.metadata === undefined ? null : fromPayload(event.metadata),
    // v6 converts the server's `created` (.NET ticks) to a Date with millisecond precision.
    recordedAt: event.created.toISOString(),
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

/** The connection failures of the client, whatever their shape, become the port's UnavailableError. */
export function translateError(error: unknown): unknown {
  if (error instanceof AppError || !isUnavailable(error)) return error;
  const translated = new UnavailableError(`EventStoreDB is unavailable: ${(error as Error).message}`);
  Object.defineProperty(translated, 'cause', { value: error });
  return translated;
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
