/**
 * The hash that chains an event to the previous event of its stream.
 *
 * hash = SHA-256 (hex) of the canonical JSON (canonical-json.ts) of
 *   { format, streamId, revision, id, type, data, metadata without `integrity`, previousHash }
 * where previousHash is the hash of the event at revision - 1 of the same stream (null at
 * revision 0). The result is stored in the event's own metadata as `integrity: {hash, previousHash}`.
 *
 * Not covered by the hash, because the store assigns them at commit: `position` and `recordedAt`.
 * They are bound by the log digest of the checkpoints instead (log-fold.ts).
 */
import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../store/event-store.ts';
import { canonicalJson } from './canonical-json.ts';

/** Tag of the encoding, part of every hashed text: a new encoding gets a new tag. */
export const EVENT_HASH_FORMAT = 'orgtrail-event-sha256-v1';

export interface Integrity {
  /** SHA-256 of this event's canonical encoding, 64 lowercase hex digits. */
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

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function eventHash(content: HashedContent, previousHash: string | null): string {
  const { streamId, revision, id, type, data, metadata } = content;
  return sha256Hex(canonicalJson({ format: EVENT_HASH_FORMAT, streamId, revision, id, type, data, metadata, previousHash }));
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

/** The hash a recorded event should carry, given the hash of its predecessor in the stream. */
export function recomputeHash(event: RecordedEvent, previousHash: string | null): string | undefined {
  if (!isRecord(event.metadata)) return undefined;
  const { streamId, revision, id, type, data } = event;
  return eventHash({ streamId, revision, id, type, data, metadata: withoutIntegrity(event.metadata) }, previousHash);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
