/**
 * The metadata envelope the EventStoreDB adapter stores around the caller's metadata:
 *
 *   {"orgtrail":{"v":1,"i":<index in its append>,"after":<position>,"floor":<ms>|null},"metadata":<caller's>}
 *
 * It carries what the server does not record and the system-time axis needs (esdb-system-time.ts):
 * - `i`: the event's index in the append it was written by (the server keeps no boundary between
 *   appends, and stamps each event with its own instant);
 * - `after`: the position of the last event of the store that the writer read from the leader just
 *   before appending (-1: none), and `floor`: that event's recordedAt in ms (null: none).
 * Reads unwrap it, so the caller gets its metadata back exactly as given. An event written by
 * another client has no envelope: its metadata is read as stored.
 */

export interface Envelope {
  index: number;
  after: number;
  floor: number | null;
}

const VERSION = 1;

export function wrapMetadata(metadata: unknown, envelope: Envelope): string {
  const header = { v: VERSION, i: envelope.index, after: envelope.after, floor: envelope.floor };
  return `{"orgtrail":${JSON.stringify(header)},"metadata":${JSON.stringify(metadata) ?? 'null'}}`;
}

export function unwrapMetadata(stored: unknown): { metadata: unknown; envelope?: Envelope } {
  if (!isEnvelope(stored)) return { metadata: stored };
  const { i, after, floor } = stored.orgtrail;
  return { metadata: stored.metadata, envelope: { index: i, after, floor } };
}

interface StoredEnvelope {
  orgtrail: { v: number; i: number; after: number; floor: number | null };
  metadata: unknown;
}

function isEnvelope(value: unknown): value is StoredEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 2 || keys[0] !== 'orgtrail' || keys[1] !== 'metadata') return false;
  const header = (value as { orgtrail: unknown }).orgtrail as Partial<StoredEnvelope['orgtrail']> | null;
  return (
    typeof header === 'object' &&
    header !== null &&
    header.v === VERSION &&
    Number.isSafeInteger(header.i) &&
    (header.i as number) >= 0 &&
    Number.isSafeInteger(header.after) &&
    (header.floor === null || Number.isFinite(header.floor))
  );
}
