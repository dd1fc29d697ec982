/**
 * The hash that chains an event to the previous event of its stream.
 *
 * Format v2 (written since 2026-11-25):
 *   hash = SHA-256 (hex) of JSON.stringify([format, streamId, revision, id, type, previousHash, data, metadata])
 * with `metadata` without its `integrity` member and previousHash the hash of the event at
 * revision - 1 of the same stream (null at revision 0). It is stored in the event's own metadata
 * as its last member, `integrity: {hash, previousHash}`.
 *
 * The hashed text is built from the JSON text of data and metadata that the store writes anyway
 * (eventHashOfJson): JSON.stringify is deterministic, and the text of a value read back from
 * JSON.stringify's output stringifies to that same text (same member order, same numbers), so a
 * verifier recomputes the hash from the parsed event (eventHash). Unlike v1, member order counts:
 * a re-ordered object is an altered event.
 *
 * Format v1 (logs written before): SHA-256 of the canonical JSON (canonical-json.ts, keys sorted)
 * of { format, streamId, revision, id, type, data, metadata, previousHash }. hashMatches accepts
 * both, so a log from before verifies, and a log mixing both (upgraded in place) chains on.
 *
 * Not covered by the hash, because the store assigns them at commit: `position` and `recordedAt`.
 * They are bound by the log digest of the checkpoints instead (log-fold.ts).
 */
import { hash as oneShotHash } from 'node:crypto';
import type { RecordedEvent } from '../store/event-store.ts';
import { canonicalJson } from './canonical-json.ts';

/** Tag of the encoding, part of every hashed text: a new encoding gets a new tag. */
export const EVENT_HASH_FORMAT = 'orgtrail-event-sha256-v2';
/** The encoding of logs written before v2; still verified. */
export const EVENT_HASH_FORMAT_V1 = 'orgtrail-event-sha256-v1';

export interface Integrity {
  /** SHA-256 of this event's encoding, 64 lowercase hex digits. */
  hash: string;
  /** The hash of the previous event of the stream; null for the first event (revision 0). */
  previousHash: string | null;
}

export interface HashedContent {
  streamId: string;
  revision: number;
  id: string;
  type: string;
  data: unknown;
  /** The metadata without its `integrity` member. */
  metadata: Record<string, unknown>;
}

/** An event as the store serialises it: data and metadata (without `integrity`) as JSON.stringify wrote them. */
export interface SerialisedContent {
  streamId: string;
  revision: number;
  id: string;
  type: string;
  dataJson: string;
  metadataJson: string;
}

/** SHA-256 of the UTF-8 text, hex; one-shot crypto.hash (about twice as fast as createHash on short texts). */
export function sha256Hex(text: string): string {
  return oneShotHash('sha256', text, 'hex');
}

const HASHED_PREFIX = `[${JSON.stringify(EVENT_HASH_FORMAT)},`;

/** The v2 hash of an event from its serialised data and metadata (the writers' path: no second encoding). */
export function eventHashOfJson(content: SerialisedContent, previousHash: string | null): string {
  const { streamId, revision, id, type, dataJson, metadataJson } = content;
  // The text JSON.stringify([format, streamId, revision, id, type, previousHash, data, metadata])
  // gives, written out: one concatenation instead of an array's encoding and a slice of it.
  return sha256Hex(`${HASHED_PREFIX}${JSON.stringify(streamId)},${JSON.stringify(revision)},${JSON.stringify(id)},${JSON.stringify(type)},${JSON.stringify(previousHash)},${dataJson},${metadataJson}]`);
}

/** The v2 hash of an event from its values (the verifier's path); equal to eventHashOfJson of their JSON.stringify. */
export function eventHash(content: HashedContent, previousHash: string | null): string {
  const { streamId, revision, id, type, data, metadata } = content;
  return sha256Hex(JSON.stringify([EVENT_HASH_FORMAT, streamId, revision, id, type, previousHash, data, metadata]));
}

/** The v1 hash (canonical JSON), as logs written before v2 carry it. */
export function eventHashV1(content: HashedContent, previousHash: string | null): string {
  const { streamId, revision, id, type, data, metadata } = content;
  return sha256Hex(canonicalJson({ format: EVENT_HASH_FORMAT_V1, streamId, revision, id, type, data, metadata, previousHash }));
}

/**
 * The metadata text to store: `metadataJson` (a JSON object without `integrity`, as
 * JSON.stringify wrote it) with `integrity` added as its last member — the same text as
 * JSON.stringify({...metadata, integrity}).
 */
export function withIntegrityJson(metadataJson: string, integrity: Integrity): string {
  // The text JSON.stringify({hash, previousHash}) gives, written out.
  const member = `"integrity":{"hash":${JSON.stringify(integrity.hash)},"previousHash":${JSON.stringify(integrity.previousHash)}}`;
  return metadataJson === '{}' ? `{${member}}` : `${metadataJson.slice(0, -1)},${member}}`;
}

/** Chains one serialised event onto `previousHash`: its hash and the metadata text that carries it. */
export function chainSerialisedEvent(content: SerialisedContent, previousHash: string | null): { hash: string; metadataJson: string } {
  const hash = eventHashOfJson(content, previousHash);
  return { hash, metadataJson: withIntegrityJson(content.metadataJson, { hash, previousHash }) };
}

/**
 * The JSON text of an event's metadata as a chain stores it, before its `integrity` member is
 * added: it must be a JSON object; an `integrity` member given by the caller is left out (the
 * chain's replaces it). Throws a TypeError naming the event otherwise.
 */
export function chainableMetadataJson(metadata: unknown, index: number): string {
  const json = JSON.stringify(isRecord(metadata) && 'integrity' in metadata ? withoutIntegrity(metadata) : metadata);
  if (json === undefined || !json.startsWith('{')) {
    throw new TypeError(`events[${index}].metadata must be a JSON object: the integrity hash is stored in it`);
  }
  return json;
}

/** `"integrity":{...}}` closing a metadata text, as withIntegrityJson writes it: then it is the top-level member. */
const TRAILING_INTEGRITY = /"integrity":\{"hash":"([0-9a-f]{64})","previousHash":(?:null|"[0-9a-f]{64}")\}\}$/y;

/**
 * The hash at the head of a stream, from the stored metadata text of its last event (null if it
 * carries none). Reads the trailing member this module writes without parsing the text; any
 * other text (e.g. written by an older version) is parsed.
 */
export function headHashOfMetadataJson(metadataJson: string): string | null {
  const at = metadataJson.lastIndexOf('"integrity":{"hash":"');
  TRAILING_INTEGRITY.lastIndex = at;
  const trailing = at >= 0 ? TRAILING_INTEGRITY.exec(metadataJson) : null;
  return trailing ? trailing[1]! : (integrityOf(JSON.parse(metadataJson))?.hash ?? null);
}

const HASH = /^[0-9a-f]{64}$/;

/** The well-formed `integrity` member of an event's metadata, or undefined. */
export function integrityOf(metadata: unknown): Integrity | undefined {
  if (!isRecord(metadata) || !isRecord(metadata.integrity)) return undefined;
  const { hash, previousHash } = metadata.integrity;
  if (typeof hash !== 'string' || !HASH.test(hash)) return undefined;
  if (previousHash !== null && (typeof previousHash !== 'string' || !HASH.test(previousHash))) return undefined;
  return { hash, previousHash };
}

export function withoutIntegrity(metadata: Record<string, unknown>): Record<string, unknown> {
  const { integrity: _integrity, ...rest } = metadata;
  return rest;
}

/** Whether the event's hash is its content's, in format v2 or (a log written before v2) v1. */
export function hashMatches(event: RecordedEvent, integrity: Integrity): boolean {
  const content = hashedContentOf(event);
  if (content === undefined) return false;
  return eventHash(content, integrity.previousHash) === integrity.hash || eventHashV1(content, integrity.previousHash) === integrity.hash;
}

function hashedContentOf(event: RecordedEvent): HashedContent | undefined {
  if (!isRecord(event.metadata)) return undefined;
  const { streamId, revision, id, type, data } = event;
  return { streamId, revision, id, type, data, metadata: withoutIntegrity(event.metadata) };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
