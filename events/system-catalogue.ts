/**
 * The system catalogue: events that are not about an org (integrity checkpoints; tokens), each
 * with its JSON Schema (one per type and version, events/system/) and the ajv validator that
 * guards the store: `validateSystemEvent` runs before every append of a system event. The read
 * models ignore these types (they are outside the domain catalogue, events/catalogue.ts).
 * How to add a type or a version: see events/system/types.ts. The data schema is chosen by
 * `metadata.schemaVersion`; a version a type does not have is refused naming that field.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { InvalidEventError, type FieldProblem } from '../src/errors.ts';
import { problemsOf } from './catalogue.ts';
import { integrityCheckpointRecordedV1 } from './system/integrity-checkpoint-recorded.v1.ts';
import { integrityCheckpointRecordedV2 } from './system/integrity-checkpoint-recorded.v2.ts';
import { systemEventMetadataV1 } from './system/system-metadata.v1.ts';
import { tokenIssuedV1 } from './system/token-issued.v1.ts';
import { tokenRevokedV1 } from './system/token-revoked.v1.ts';
import type { SystemEvent, SystemEventDataByTypeV2, SystemEventType } from './system/types.ts';

/** Every system event type with its schema of version 1. Typed per entry, so a missing type fails to compile. */
export const SYSTEM_EVENT_SCHEMAS_V1: { [K in SystemEventType]: object } = {
  IntegrityCheckpointRecorded: integrityCheckpointRecordedV1,
  TokenIssued: tokenIssuedV1,
  TokenRevoked: tokenRevokedV1,
};

/** The system event types with a schema of version 2 (their data changed shape). */
export const SYSTEM_EVENT_SCHEMAS_V2: { [K in keyof SystemEventDataByTypeV2]: object } = {
  IntegrityCheckpointRecorded: integrityCheckpointRecordedV2,
};

/** schemaVersion → type → data schema. */
const SCHEMAS_BY_VERSION: ReadonlyMap<number, Partial<Record<SystemEventType, object>>> = new Map([
  [1, SYSTEM_EVENT_SCHEMAS_V1],
  [2, SYSTEM_EVENT_SCHEMAS_V2],
]);

export const SYSTEM_EVENT_METADATA_SCHEMA_V1 = systemEventMetadataV1;

export const SYSTEM_EVENT_TYPES = Object.keys(SYSTEM_EVENT_SCHEMAS_V1) as SystemEventType[];

/** Streams of system events: one constant per stream, so that no two types share one by accident. */
export const SYSTEM_STREAMS = {
  integrityCheckpoints: 'audit-checkpoints',
  tokens: 'system-tokens',
} as const;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
/** type → schemaVersion → validator. */
const dataValidators = new Map<string, Map<number, ValidateFunction>>(SYSTEM_EVENT_TYPES.map((type) => [type, new Map()]));
for (const [version, schemas] of SCHEMAS_BY_VERSION) {
  for (const [type, schema] of Object.entries(schemas)) dataValidators.get(type)!.set(version, ajv.compile(schema));
}
const metadataValidator = ajv.compile(systemEventMetadataV1);

export function isSystemEventType(type: string): type is SystemEventType {
  return dataValidators.has(type);
}

/** The version the metadata names; 1 where it names none (the metadata schema reports that). */
function schemaVersionOf(metadata: unknown): unknown {
  return typeof metadata === 'object' && metadata !== null && 'schemaVersion' in metadata ? metadata.schemaVersion : 1;
}

/** Throws InvalidEventError naming every offending field; returns the event typed. */
export function validateSystemEvent(event: { type: string; data: unknown; metadata: unknown }): SystemEvent {
  const versions = dataValidators.get(event.type);
  if (!versions) throw new InvalidEventError(event.type, [{ field: 'type', message: `unknown system event type ${event.type}` }]);
  const version = schemaVersionOf(event.metadata);
  const validateData = typeof version === 'number' ? versions.get(version) : undefined;
  if (!validateData) {
    throw new InvalidEventError(event.type, [{ field: 'metadata/schemaVersion', message: `${event.type} has no schema version ${String(version)} (known: ${[...versions.keys()].join(', ')})` }]);
  }
  const problems: FieldProblem[] = [];
  if (!validateData(event.data)) problems.push(...problemsOf(validateData, 'data'));
  if (!metadataValidator(event.metadata)) problems.push(...problemsOf(metadataValidator, 'metadata'));
  if (problems.length > 0) throw new InvalidEventError(event.type, problems);
  return event as SystemEvent;
}
