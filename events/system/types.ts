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
 *
 * Versions: `metadata.schemaVersion` names the data schema an event was written with. A new
 * version of a type (its data changed shape) gets a line in SystemEventDataByTypeV2 (or V3...),
 * a schema file <kebab-name>.v2.ts and a line in SYSTEM_EVENT_SCHEMAS_V2; events written with
 * the older version stay valid against their own schema, and readers handle every version.
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

/** What every checkpoint binds, in every version: the log up to `coversPosition`. */
interface LogCut {
  /** Global position of the last event covered (system time, as a position). */
  coversPosition: number;
  /** Number of events at positions up to coversPosition. */
  eventCount: number;
  /** Running SHA-256 over (position, recordedAt, streamId, revision, hash) of every covered event, in position order. */
  logDigest: string;
}

/**
 * Version 1 of IntegrityCheckpointRecorded: the state of the whole log up to one global position,
 * so that later changes to it are detectable. Always lists every stream (a full checkpoint).
 */
export interface IntegrityCheckpointRecordedV1 extends LogCut {
  /** streamId → head, for every stream with an event at or before coversPosition. */
  heads: Record<string, StreamHeadRecord>;
}

/** What every version-2 checkpoint binds: the log up to `coversPosition`, and how many streams it has. */
interface CheckpointCut extends LogCut {
  /** Number of streams with at least one event at or before coversPosition (binds removed streams a delta does not list). */
  streamCount: number;
}

/** A full checkpoint: as v1, the head of every stream up to coversPosition. */
export interface FullCheckpoint extends CheckpointCut {
  kind: 'full';
  /** streamId → head, for every stream with an event at or before coversPosition (streamCount entries). */
  heads: Record<string, StreamHeadRecord>;
}

/**
 * A delta checkpoint: only the heads that changed after the previous checkpoint. With that
 * checkpoint's heads (and, recursively, those before it back to a full one) it gives the head of
 * every stream up to coversPosition.
 */
export interface DeltaCheckpoint extends CheckpointCut {
  kind: 'delta';
  /** coversPosition of the checkpoint recorded just before this one in the checkpoint stream. */
  sinceCoversPosition: number;
  /** streamId → head, for exactly the streams with an event in (sinceCoversPosition, coversPosition]. */
  heads: Record<string, StreamHeadRecord>;
}

/** Version 2 of IntegrityCheckpointRecorded (events/system/integrity-checkpoint-recorded.v2.ts). */
export type IntegrityCheckpointRecordedV2 = FullCheckpoint | DeltaCheckpoint;

/** A checkpoint that lists the head of every stream: v1, or v2 of kind `full`. */
export type CompleteCheckpoint = IntegrityCheckpointRecordedV1 | FullCheckpoint;

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
  IntegrityCheckpointRecorded: IntegrityCheckpointRecordedV1;
  TokenIssued: TokenIssued;
  TokenRevoked: TokenRevoked;
}

/** Type name → data shape, for the system event types with a schema version 2. */
export interface SystemEventDataByTypeV2 {
  IntegrityCheckpointRecorded: IntegrityCheckpointRecordedV2;
}

export type SystemEventType = keyof SystemEventDataByType;

type OfVersion<ByType, V extends number> = {
  [K in keyof ByType]: { type: K; data: ByType[K]; metadata: SystemEventMetadata & { schemaVersion: V } };
}[keyof ByType];

/** A validated system event: narrow on `type`, then on `metadata.schemaVersion` where a type has several. */
export type SystemEvent = OfVersion<SystemEventDataByType, 1> | OfVersion<SystemEventDataByTypeV2, 2>;
