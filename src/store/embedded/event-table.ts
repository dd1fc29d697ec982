/**
 * The events table: prepared statements and the mapping of rows to RecordedEvents.
 * better-sqlite3 is synchronous and the store has one connection, so a read never runs in the
 * middle of the group-commit transaction: every read sees whole commits only.
 */
import { UnreadableEventError, type RecordedEvent } from '../event-store.ts';
import type { SqliteDatabase } from './open-event-database.ts';

/** An event row as raw statements give it (columns in EVENT_COLUMNS order). */
export type RawEventRow = [position: number, streamId: string, revision: number, id: string, type: string, data: string, metadata: string, recordedAt: string];

const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

/** Events with position > ?, ascending, at most ? of them: the catch-up read (also on the subscription's own connection). */
export const ALL_FORWARDS_SQL = `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`;

export interface NewEvent {
  streamId: string;
  revision: number;
  id: string;
  type: string;
  /** JSON text. */
  data: string;
  /** JSON text. */
  metadata: string;
  recordedAt: string;
}

export interface StoredEventRef {
  revision: number;
  id: string;
  position: number;
}

/** A limit of -1 means no limit (SQLite's LIMIT -1). */
export interface EventTable {
  /** Inserts one event and returns its global position. */
  insert(event: NewEvent): number;
  streamRevision(streamId: string): number | null;
  /** Revision and metadata (JSON text) of the stream's last event, or undefined for a missing stream. */
  streamHead(streamId: string): { revision: number; metadata: string } | undefined;
  /** Revision of the first event of the stream with this id, or null. */
  revisionOfEventId(streamId: string, eventId: string): number | null;
  /** Up to `limit` events of the stream from `fromRevision` (inclusive), forwards. */
  refsFrom(streamId: string, fromRevision: number, limit: number): StoredEventRef[];
  readStreamForwards(streamId: string, fromRevision: number, limit: number): RecordedEvent[];
  readStreamBackwards(streamId: string, fromRevision: number, limit: number): RecordedEvent[];
  /** Events with position > afterPosition, ascending. */
  readAllForwards(afterPosition: number, limit: number): RecordedEvent[];
  /** Events with position < beforePosition, descending. */
  readAllBackwards(beforePosition: number, limit: number): RecordedEvent[];
  /** Position of the last event, or -1 when the store is empty. */
  headPosition(): number;
  /** recordedAt of the event at the head, or null when the store is empty. */
  lastRecordedAt(): string | null;
}

export function createEventTable(db: SqliteDatabase): EventTable {
  const insert = db.prepare(
    `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const streamRevision = db
    .prepare('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
    .pluck();
  const streamHead = db.prepare('SELECT revision, metadata FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1');
  // No ORDER BY: ids are unique within a stream, and an ORDER BY revision made SQLite plan this
  // on the (stream_id, revision) index, walking the whole stream (appends quadratic in its length).
  const revisionOfEventId = db.prepare('SELECT revision FROM events WHERE stream_id = ? AND event_id = ?').pluck();
  const refsFrom = db.prepare(
    `SELECT revision, event_id AS id, position FROM events
     WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
  );
  const streamForwards = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`)
    .raw(true);
  const streamBackwards = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`)
    .raw(true);
  const allForwards = db.prepare(ALL_FORWARDS_SQL).raw(true);
  const allBackwards = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position < ? ORDER BY position DESC LIMIT ?`).raw(true);
  const head = db.prepare('SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1');

  const rows = (statement: { all(...params: unknown[]): unknown[] }, ...params: unknown[]) =>
    (statement.all(...params) as RawEventRow[]).map(recordedEventOf);
  const headRow = () => head.get() as { position: number; recorded_at: string } | undefined;

  return {
    // Positional parameters: binding by name looks every member up, per event.
    insert: ({ streamId, revision, id, type, data, metadata, recordedAt }) => Number(insert.run(streamId, revision, id, type, data, metadata, recordedAt).lastInsertRowid),
    streamRevision: (streamId) => (streamRevision.get(streamId) as number | undefined) ?? null,
    streamHead: (streamId) => streamHead.get(streamId) as { revision: number; metadata: string } | undefined,
    revisionOfEventId: (streamId, eventId) => (revisionOfEventId.get(streamId, eventId) as number | undefined) ?? null,
    refsFrom: (streamId, fromRevision, limit) => refsFrom.all(streamId, fromRevision, limit) as StoredEventRef[],
    readStreamForwards: (streamId, fromRevision, limit) => rows(streamForwards, streamId, fromRevision, limit),
    readStreamBackwards: (streamId, fromRevision, limit) => rows(streamBackwards, streamId, fromRevision, limit),
    readAllForwards: (afterPosition, limit) => rows(allForwards, afterPosition, limit),
    readAllBackwards: (beforePosition, limit) => rows(allBackwards, beforePosition, limit),
    headPosition: () => headRow()?.position ?? -1,
    lastRecordedAt: () => headRow()?.recorded_at ?? null,
  };
}

/** The RecordedEvent of a raw row: data and metadata parsed (UnreadableEventError if either is not JSON). */
export function recordedEventOf(row: RawEventRow): RecordedEvent {
  const [position, streamId, revision, id, type, data, metadata, recordedAt] = row;
  return { id, streamId, revision, position, type, data: parseColumn(position, 'data', data), metadata: parseColumn(position, 'metadata', metadata), recordedAt };
}

function parseColumn(position: number, column: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UnreadableEventError(position, `its ${column} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}
