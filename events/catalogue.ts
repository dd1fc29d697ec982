/**
 * The event catalogue: every event type with its JSON Schema (one per type and version)
 * and the ajv validator that guards the store. `validateEvent` runs before every append,
 * so an event that does not match its schema never reaches the store.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { isCalendarDate } from '../src/time/calendar-date.ts';
import { InvalidEventError, type FieldProblem } from '../src/errors.ts';
import type { DomainEvent, EventDataByType, EventType } from './types.ts';
import { actAnnulledV1 } from './schemas/act-annulled.v1.ts';
import { competencyAssignedV1 } from './schemas/competency-assigned.v1.ts';
import { competencyTransferredV1 } from './schemas/competency-transferred.v1.ts';
import { competencyWithdrawnV1 } from './schemas/competency-withdrawn.v1.ts';
import { eventMetadataV1 } from './schemas/event-metadata.v1.ts';
import { eventMetadataV2 } from './schemas/event-metadata.v2.ts';
import { factsAttestedV1 } from './schemas/facts-attested.v1.ts';
import { sourceRegisteredV1 } from './schemas/source-registered.v1.ts';
import { headAppointedV1 } from './schemas/head-appointed.v1.ts';
import { headVacatedV1 } from './schemas/head-vacated.v1.ts';
import { indicatorDefinedV1 } from './schemas/indicator-defined.v1.ts';
import { indicatorRevisedV1 } from './schemas/indicator-revised.v1.ts';
import { indicatorTargetRevisedV1 } from './schemas/indicator-target-revised.v1.ts';
import { measurementRecordedV1 } from './schemas/measurement-recorded.v1.ts';
import { objectiveDefinedV1 } from './schemas/objective-defined.v1.ts';
import { objectiveRevisedV1 } from './schemas/objective-revised.v1.ts';
import { objectiveWithdrawnV1 } from './schemas/objective-withdrawn.v1.ts';
import { orgRegisteredV1 } from './schemas/org-registered.v1.ts';
import { unitDissolvedV1 } from './schemas/unit-dissolved.v1.ts';
import { unitEstablishedV1 } from './schemas/unit-established.v1.ts';
import { unitMovedV1 } from './schemas/unit-moved.v1.ts';
import { unitReclassifiedV1 } from './schemas/unit-reclassified.v1.ts';
import { unitRenamedV1 } from './schemas/unit-renamed.v1.ts';

/** Every event type with its schema of version 1. Typed per entry, so a missing type fails to compile. */
export const EVENT_SCHEMAS_V1: { [K in EventType]: object } = {
  OrgRegistered: orgRegisteredV1,
  UnitEstablished: unitEstablishedV1,
  UnitRenamed: unitRenamedV1,
  UnitMoved: unitMovedV1,
  UnitReclassified: unitReclassifiedV1,
  UnitDissolved: unitDissolvedV1,
  CompetencyAssigned: competencyAssignedV1,
  CompetencyWithdrawn: competencyWithdrawnV1,
  CompetencyTransferred: competencyTransferredV1,
  HeadAppointed: headAppointedV1,
  HeadVacated: headVacatedV1,
  ObjectiveDefined: objectiveDefinedV1,
  ObjectiveRevised: objectiveRevisedV1,
  ObjectiveWithdrawn: objectiveWithdrawnV1,
  IndicatorDefined: indicatorDefinedV1,
  IndicatorRevised: indicatorRevisedV1,
  IndicatorTargetRevised: indicatorTargetRevisedV1,
  MeasurementRecorded: measurementRecordedV1,
  ActAnnulled: actAnnulledV1,
  SourceRegistered: sourceRegisteredV1,
  FactsAttested: factsAttestedV1,
};

export const EVENT_METADATA_SCHEMA_V1 = eventMetadataV1;
/** Metadata v2 adds the required `evidence` (docs/evidence.md); commands write v2. Data schemas are the same for both. */
export const EVENT_METADATA_SCHEMA_V2 = eventMetadataV2;
export const CURRENT_METADATA_VERSION = 2;

export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS_V1) as EventType[];

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addFormat('date', { type: 'string', validate: isCalendarDate });

const dataValidators = new Map<string, ValidateFunction>(
  EVENT_TYPES.map((type) => [type, ajv.compile(EVENT_SCHEMAS_V1[type])]),
);
/** metadata.schemaVersion → its validator: an event is checked against the envelope it says it has. */
const metadataValidators = new Map<unknown, ValidateFunction>([
  [1, ajv.compile(eventMetadataV1)],
  [2, ajv.compile(eventMetadataV2)],
]);
const metadataValidatorOf = (metadata: unknown): ValidateFunction =>
  metadataValidators.get(typeof metadata === 'object' && metadata !== null && 'schemaVersion' in metadata ? metadata.schemaVersion : undefined) ??
  metadataValidators.get(CURRENT_METADATA_VERSION)!;

export function isEventType(type: string): type is EventType {
  return dataValidators.has(type);
}

export function problemsOf(validate: ValidateFunction, prefix: string): FieldProblem[] {
  return (validate.errors ?? []).map((e) => ({
    field: `${prefix}${e.instancePath}` || prefix,
    message: `${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`,
  }));
}

/** Throws InvalidEventError naming every offending field; returns the event typed. */
export function validateEvent(event: { type: string; data: unknown; metadata: unknown }): DomainEvent {
  const validateData = dataValidators.get(event.type);
  if (!validateData) throw new InvalidEventError(event.type, [{ field: 'type', message: `unknown event type ${event.type}` }]);
  const problems: FieldProblem[] = [];
  if (!validateData(event.data)) problems.push(...problemsOf(validateData, 'data'));
  const metadataValidator = metadataValidatorOf(event.metadata);
  if (!metadataValidator(event.metadata)) problems.push(...problemsOf(metadataValidator, 'metadata'));
  if (problems.length > 0) throw new InvalidEventError(event.type, problems);
  return event as DomainEvent;
}

export type { EventDataByType };
