/**
 * One append to one stream, as EventStoreDB decides it (KurrentDB IndexWriter.CheckCommit):
 *
 * - Expected revision: 'any' always passes; 'no_stream' needs the stream absent;
 *   'stream_exists' needs it present; a number must equal the revision of the last event.
 *   A mismatch is a WrongExpectedRevisionError(streamId, expected, actual) with actual the
 *   current revision or 'no_stream'. An empty batch only checks the expectation.
 * - Idempotency by event id: a batch whose ids are already, in the same order, consecutive
 *   events of the stream is not appended again; the original AppendResult (revision and
 *   position of its last event) is returned. With a number or 'no_stream' the events must
 *   start right after the expected revision (at revision 0 for 'no_stream'); with 'any' or
 *   'stream_exists' they may sit anywhere. A batch that matches only in part is a
 *   WrongExpectedRevisionError (ESDB: CorruptedIdempotency).
 *
 * Stricter than EventStoreDB, so that event ids stay unique within a stream: ESDB appends
 * (a) a batch whose first id is unknown to its cache even if later ids are in the stream
 * ('any'), and (b) a batch at the exact current revision whatever its ids; here both are a
 * WrongExpectedRevisionError when any caller-given id is already in the stream. ESDB only
 * does its best for 'any' (its id cache is bounded); here the check is exact.
 *
 * Hash chain (a request marked `chained`, see src/audit/hash-chained-store.ts): each event's
 * metadata gets `integrity: {hash, previousHash}` (src/audit/event-hash.ts), hashed onto the
 * hash of the stream's last stored event, read inside the same write transaction. So the chain
 * cannot fork, and an append that is rolled back leaves nothing to undo.
 */
import { randomUUID } from 'node:crypto';
import { chainableMetadataJson, chainSerialisedEvent, headHashOfMetadataJson } from '../../audit/event-hash.ts';
import { WrongExpectedRevisionError } from '../../errors.ts';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.ts';
import type { EventTable } from './event-table.ts';

export interface PreparedEvent {
  id: string;
  /** False when the store generated the id: such an id cannot match a stored event. */
  idGiven: boolean;
  type: string;
  /** JSON text. */
  data: string;
  /** JSON text; for a chained request, without the `integrity` member the append adds. */
  metadata: string;
}

export interface AppendRequest {
  streamId: string;
  events: PreparedEvent[];
  expectedRevision: ExpectedRevision;
  /** Hash-chain the events onto the stream's head (metadata must then be JSON objects). */
  chained: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates and serialises an append before it joins a group commit; throws on caller errors. */
export function prepareAppendRequest(
  streamId: string,
  events: EventToAppend[],
  expectedRevision: ExpectedRevision = 'any',
  chained = false,
): AppendRequest {
  if (typeof streamId !== 'string' || streamId === '') throw new TypeError('streamId must be a non-empty string');
  if (!isExpectedRevision(expectedRevision)) {
    throw new RangeError(
      `expectedRevision must be 'any', 'no_stream', 'stream_exists' or an integer >= 0; got ${String(expectedRevision)}`,
    );
  }
  if (!Array.isArray(events)) throw new TypeError('events must be an array');
  return { streamId, expectedRevision, chained, events: events.map((event, index) => prepareEvent(event, index, chained)) };
}

function prepareEvent(event: EventToAppend, index: number, chained: boolean): PreparedEvent {
  if (typeof event.type !== 'string' || event.type === '') throw new TypeError(`events[${index}].type must be a non-empty string`);
  if (event.id !== undefined && !UUID.test(event.id)) throw new TypeError(`events[${index}].id must be a UUID`);
  return {
    id: event.id?.toLowerCase() ?? randomUUID(),
    idGiven: event.id !== undefined,
    type: event.type,
    data: JSON.stringify(event.data) ?? 'null',
    metadata: chained ? chainableMetadataJson(event.metadata, index) : (JSON.stringify(event.metadata) ?? 'null'),
  };
}

/** Runs inside the group-commit transaction; throwing rolls back this append alone. */
export function appendToStream(table: EventTable, request: AppendRequest, recordedAt: string): AppendResult {
  const { streamId, events, expectedRevision, chained } = request;
  const head = chained ? table.streamHead(streamId) : undefined;
  const current = chained ? (head?.revision ?? null) : table.streamRevision(streamId);
  const prior = findPriorAppend(table, request);
  if (prior === 'conflict' || (prior === 'absent' && !satisfies(expectedRevision, current))) {
    throw new WrongExpectedRevisionError(streamId, String(expectedRevision), current === null ? 'no_stream' : String(current));
  }
  if (prior !== 'absent') return prior;
  if (current !== null && events.length === 0) {
    return { nextExpectedRevision: current, position: table.refsFrom(streamId, current, 1)[0]?.position ?? -1 };
  }
  let previousHash = head === undefined ? null : headHashOfMetadataJson(head.metadata);
  let revision = current ?? -1;
  let position = -1;
  for (const { id, type, data, metadata } of events) {
    revision += 1;
    let stored = metadata;
    if (chained) {
      const link = chainSerialisedEvent({ streamId, revision, id, type, dataJson: data, metadataJson: metadata }, previousHash);
      previousHash = link.hash;
      stored = link.metadataJson;
    }
    position = table.insert({ streamId, revision, id, type, data, metadata: stored, recordedAt });
  }
  return { nextExpectedRevision: revision, position };
}

export function isExpectedRevision(value: unknown): value is ExpectedRevision {
  return value === 'any' || value === 'no_stream' || value === 'stream_exists' || (Number.isSafeInteger(value) && (value as number) >= 0);
}

export function satisfies(expected: ExpectedRevision, current: number | null): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === null;
    case 'stream_exists':
      return current !== null;
    default:
      return current === expected;
  }
}

/** The result of an earlier append of this very batch; 'absent' if none of its ids is in the stream. */
function findPriorAppend(table: EventTable, request: AppendRequest): AppendResult | 'absent' | 'conflict' {
  const { streamId, events, expectedRevision } = request;
  const [first] = events;
  if (first === undefined) return 'absent';
  const start = first.idGiven ? table.revisionOfEventId(streamId, first.id) : null;
  if (start === null) {
    const anyStored = events.some((event, i) => i > 0 && event.idGiven && table.revisionOfEventId(streamId, event.id) !== null);
    return anyStored ? 'conflict' : 'absent';
  }
  const expectedStart =
    expectedRevision === 'no_stream' ? 0 : typeof expectedRevision === 'number' ? expectedRevision + 1 : start;
  const stored = table.refsFrom(streamId, start, events.length);
  const last = stored[stored.length - 1];
  const sameBatch = stored.length === events.length && stored.every((ref, i) => ref.id === events[i]?.id);
  if (start !== expectedStart || !sameBatch || last === undefined) return 'conflict';
  return { nextExpectedRevision: last.revision, position: last.position };
}
