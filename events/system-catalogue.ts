/**
 * The system catalogue: events that are not about an org (integrity checkpoints; tokens), each
 * with its JSON Schema (one per type and version, events/system/) and the ajv validator that
 * guards the store: `validateSystemEvent` runs before every append of a system event. The read
 * models ignore these types (they are outside the domain catalogue, events/catalogue.ts).
 * How to add a type: see events/system/types.ts.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { InvalidEventError, type FieldProblem } from '../src/errors.ts';
import { problemsOf } from './catalogue.ts';
import { integrityCheckpointRecordedV1 } from './system/integrity-checkpoint-recorded.v1.ts';
import { systemEventMetadataV1 } from './system/system-metadata.v1.ts';
import { tokenIssuedV1 } from './system/token-issued.v1.ts';
import { tokenRevokedV1 } from './system/token-revoked.v1.ts';
import type { SystemEvent, SystemEventType } from './system/types.ts';

/** Every system event type with its schema of version 1. Typed per entry, so a missing type fails to compile. */
export const SYSTEM_EVENT_SCHEMAS_V1: { [K in SystemEventType]: object } = {
  IntegrityCheckpointRecorded: integrityCheckpointRecordedV1,
  TokenIssued: tokenIssuedV1,
  TokenRevoked: tokenRevokedV1,
};

export const SYSTEM_EVENT_METADATA_SCHEMA_V1 = systemEventMetadataV1;

export const SYSTEM_EVENT_TYPES = Object.keys(SYSTEM_EVENT_SCHEMAS_V1) as SystemEventType[];

/** Streams of system events: one constant per stream, so that no two types share one by accident. */
export const SYSTEM_STREAMS = {
  integrityCheckpoints: 'audit-checkpoints',
  tokens: 'system-tokens',
} as const;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const dataValidators = new Map<string, ValidateFunction>(
  SYSTEM_EVENT_TYPES.map((type) => [type, ajv.compile(SYSTEM_EVENT_SCHEMAS_V1[type])]),
);
const metadataValidator = ajv.compile(systemEventMetadataV1);

export function isSystemEventType(type: string): type is SystemEventType {
  return dataValidators.has(type);
}

/** Throws InvalidEventError naming every offending field; returns the event typed. */
export function validateSystemEvent(event: { type: string; data: unknown; metadata: unknown }): SystemEvent {
  const validateData = dataValidators.get(event.type);
  if (!validateData) throw new InvalidEventError(event.type, [{ field: 'type', message: `unknown system event type ${event.type}` }]);
  const problems: FieldProblem[] = [];
  if (!validateData(event.data)) problems.push(...problemsOf(validateData, 'data'));
  if (!metadataValidator(event.metadata)) problems.push(...problemsOf(metadataValidator, 'metadata'));
  if (problems.length > 0) throw new InvalidEventError(event.type, problems);
  return event as SystemEvent;
}
