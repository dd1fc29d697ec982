/**
 * The system catalogue's TypeScript types: events that are not about an org (integrity
 * checkpoints; tokens will follow). Each type has exactly one JSON Schema per version in
 * events/system/. As for the domain catalogue, test/audit/system-catalogue.unit.test.ts checks
 * each schema against its interface: a fixture typed `Required<T>` must validate and cover
 * exactly the schema's properties.
 *
 * To add a type: its interface here and a line in SystemEventDataByType; its schema file
 * events/system/<kebab-name>.v1.ts; a line in SYSTEM_EVENT_SCHEMAS_V1 (events/system-catalogue.ts,
 * which fails to compile without it); a fixture in test/audit/system-catalogue.unit.test.ts.
 */
import type { Integrity } from '../../src/audit/event-hash.ts';

/** Metadata of every system event. No orgId and no effectiveFrom: a system event has no valid time. */
export interface SystemEventMetadata {
  schemaVersion: number;
  /** The principal (or `system:<service>`) that recorded the event. */
  recordedBy: string;
  correlationId: string;
  causationId: string | null;
  /** Added by the hash-chained store at append. */
  integrity?: Integrity;
}

/** The head of one stream: its last revision and that event's hash (null if it carries none). */
export interface StreamHeadRecord {
  revision: number;
  hash: string | null;
}

/** The state of the whole log up to one global position, so that later changes to it are detectable. */
export interface IntegrityCheckpointRecorded {
  /** Global position of the last event covered (system time, as a position). */
  coversPosition: number;
  /** Number of events at positions up to coversPosition. */
  eventCount: number;
  /** Running SHA-256 over (position, recordedAt, streamId, revision, hash) of every covered event, in position order. */
  logDigest: string;
  /** streamId → head, for every stream with an event at or before coversPosition. */
  heads: Record<string, StreamHeadRecord>;
}

/** A bearer token was issued (src/auth/token-service.ts). Only the hash of its secret is kept. */
export interface TokenIssued {
  tokenId: string;
  /** Who or what uses the token; recorded as `recordedBy` of its commands. */
  name: string;
  role: 'reader' | 'auditor' | 'editor' | 'admin';
  /** Hex SHA-256 of the token secret. */
  secretSha256: string;
}

/** A bearer token was revoked: refused from then on. */
export interface TokenRevoked {
  tokenId: string;
}

/** Type name → data shape, for every system event type of schema version 1. */
export interface SystemEventDataByType {
  IntegrityCheckpointRecorded: IntegrityCheckpointRecorded;
  TokenIssued: TokenIssued;
  TokenRevoked: TokenRevoked;
}

export type SystemEventType = keyof SystemEventDataByType;

export type SystemEvent = {
  [K in SystemEventType]: { type: K; data: SystemEventDataByType[K]; metadata: SystemEventMetadata };
}[SystemEventType];
