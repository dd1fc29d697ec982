/**
 * One page of the raw log for auditors: events as stored (metadata and integrity included), in
 * position order, filtered, with a position cursor.
 *
 * Guarantees: `next` is null only when the log was read to its end (or past `to`); otherwise
 * passing it as `after` continues exactly after the last event examined. A page examines at
 * most SCAN_BUDGET events, so a rare filter over a long log answers with fewer events (maybe
 * none) and a cursor rather than reading the whole log in one request.
 */
import { BadRequestError, InvalidPositionError } from '../errors.ts';
import type { EventStore, RecordedEvent } from '../store/event-store.ts';

export interface AuditEventsFilter {
  org?: string;
  stream?: string;
  type?: string;
  /** recordedAt at or after (inclusive). */
  from?: string;
  /** recordedAt before (exclusive). */
  to?: string;
  /** Position cursor: events after it. */
  after?: number;
  limit?: number;
}

export interface AuditEvent {
  eventId: string;
  streamId: string;
  revision: number;
  position: number;
  type: string;
  recordedAt: string;
  data: unknown;
  metadata: unknown;
}

export interface AuditEventsPage {
  events: AuditEvent[];
  next: number | null;
}

const PAGE_SIZE = 1_000;
const SCAN_BUDGET = 20_000;

/**
 * A cursor that is no event's position (EventStoreDB positions are log offsets, so not every
 * number is one) is a 400 naming `after`; positions handed out in `next` always are.
 */
export async function readAuditEvents(store: Pick<EventStore, 'readAll' | 'readStream'>, filter: AuditEventsFilter): Promise<AuditEventsPage> {
  try {
    return await readPage(store, filter);
  } catch (error) {
    if (!(error instanceof InvalidPositionError) || filter.after === undefined) throw error;
    throw new BadRequestError(`after=${filter.after} is not the position of an event in this log`, [
      { field: 'after', message: 'not an event position: pass a position this API returned (an event\'s `position` or a page\'s `next`)' },
    ]);
  }
}

async function readPage(store: Pick<EventStore, 'readAll' | 'readStream'>, filter: AuditEventsFilter): Promise<AuditEventsPage> {
  const limit = filter.limit ?? 100;
  const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
  const to = filter.to === undefined ? Infinity : Date.parse(filter.to);
  const events: AuditEvent[] = [];
  let cursor = filter.after ?? -1;
  let scanned = 0;
  for await (const page of pagesAfter(store, filter.stream, cursor)) {
    for (const event of page) {
      // recordedAt never decreases with position: nothing after this one can be before `to`.
      if (Date.parse(event.recordedAt) >= to) return { events, next: null };
      scanned += 1;
      cursor = event.position;
      if (matches(event, filter, from)) events.push(toAuditEvent(event));
      if (events.length >= limit || scanned >= SCAN_BUDGET) return { events, next: cursor };
    }
  }
  return { events, next: null };
}

/** Pages of events after `after`, of one stream or of the whole log; the last page is short. */
async function* pagesAfter(store: Pick<EventStore, 'readAll' | 'readStream'>, stream: string | undefined, after: number): AsyncGenerator<RecordedEvent[]> {
  for (let position = after, revision = 0; ; ) {
    const page =
      stream === undefined
        ? await store.readAll({ fromPosition: position, maxCount: PAGE_SIZE })
        : await store.readStream(stream, { fromRevision: revision, maxCount: PAGE_SIZE });
    yield page.filter((event) => event.position > after);
    const last = page[page.length - 1];
    if (last === undefined || page.length < PAGE_SIZE) return;
    position = last.position;
    revision = last.revision + 1;
  }
}

function matches(event: RecordedEvent, filter: AuditEventsFilter, from: number): boolean {
  if (filter.type !== undefined && event.type !== filter.type) return false;
  if (filter.org !== undefined && (event.metadata as { orgId?: unknown } | null)?.orgId !== filter.org) return false;
  return Date.parse(event.recordedAt) >= from;
}

function toAuditEvent(event: RecordedEvent): AuditEvent {
  const { id, streamId, revision, position, type, recordedAt, data, metadata } = event;
  return { eventId: id, streamId, revision, position, type, recordedAt, data, metadata };
}
