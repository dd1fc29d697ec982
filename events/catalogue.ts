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
import { inferencesSupersededV1 } from './schemas/inferences-superseded.v1.ts';
import { snapshotImportedV1 } from './schemas/snapshot-imported.v1.ts';
import { headAppointedV1 } from './schemas/head-appointed.v1.ts';
import { headVacatedV1 } from './schemas/head-vacated.v1.ts';
import { indicatorDefinedV1 } from './schemas/indicator-defined.v1.ts';
import { indicatorRevisedV1 } from './schemas/indicator-revised.v1.ts';
import { indicatorTargetRevisedV1 } from './schemas/indicator-target-revised.v1.ts';
import { measurementRecordedV1 } from './schemas/measurement-recorded.v1.ts';
import { eventMetadataV3 } from './schemas/event-metadata.v3.ts';
import { objectiveDefinedV1 } from './schemas/objective-defined.v1.ts';
import { objectiveDefinedV2 } from './schemas/objective-defined.v2.ts';
import { objectiveRevisedV1 } from './schemas/objective-revised.v1.ts';
import { objectiveRevisedV2 } from './schemas/objective-revised.v2.ts';
import { planItemDefinedV1 } from './schemas/plan-item-defined.v1.ts';
import { objectiveWithdrawnV1 } from './schemas/objective-withdrawn.v1.ts';
import { orgRegisteredV1 } from './schemas/org-registered.v1.ts';
import { unitDissolvedV1 } from './schemas/unit-dissolved.v1.ts';
import { unitEstablishedV1 } from './schemas/unit-established.v1.ts';
import { unitMovedV1 } from './schemas/unit-moved.v1.ts';
import { unitReclassifiedV1 } from './schemas/unit-reclassified.v1.ts';
import { unitRenamedV1 } from './schemas/unit-renamed.v1.ts';

/** Every event type with its schema of version 1. Typed per entry, so a missing type fails to compile. */
export const EVENT_SCHEMAS_V1: { [K in EventType]: object } = {
  PlanItemDefined: planItemDefinedV1,
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
  SnapshotImported: snapshotImportedV1,
  InferencesSuperseded: inferencesSupersededV1,
};

/** The later versions of the data schemas that changed: type → version (2, 3...) → schema. */
const LATER_DATA_SCHEMAS: { [K in EventType]?: Record<number, object> } = {
  ObjectiveDefined: { 2: objectiveDefinedV2 },
  ObjectiveRevised: { 2: objectiveRevisedV2 },
};

/** The schema of every type as commands write it now (its newest version); EventDataByType is its TypeScript shape. */
export const EVENT_SCHEMAS_CURRENT = Object.fromEntries(
  (Object.keys(EVENT_SCHEMAS_V1) as EventType[]).map((type) => {
    const later = LATER_DATA_SCHEMAS[type] ?? {};
    const newest = Math.max(1, ...Object.keys(later).map(Number));
    return [type, newest === 1 ? EVENT_SCHEMAS_V1[type] : later[newest]!];
  }),
) as { [K in EventType]: object };

export const EVENT_METADATA_SCHEMA_V1 = eventMetadataV1;
/** Metadata v2 adds the required `evidence` (docs/evidence.md). Data schemas are the same for v1 and v2. */
export const EVENT_METADATA_SCHEMA_V2 = eventMetadataV2;
/** Metadata v3: the v2 envelope, with the data written in the second generation of data schemas. Commands write v3. */
export const EVENT_METADATA_SCHEMA_V3 = eventMetadataV3;
export const CURRENT_METADATA_VERSION = 3;

/**
 * metadata.schemaVersion → the generation of data schemas its data was written with. A type's
 * data schema in generation g is its newest version <= g: an event of metadata v1 or v2 carries
 * the v1 data of every type, one of v3 ObjectiveDefined v2 and ObjectiveRevised v2 (and v1 of
 * the types that have no later version). Readers upcast older data in one place (upcast.ts).
 */
const DATA_GENERATION = new Map<unknown, number>([
  [1, 1],
  [2, 1],
  [3, 2],
]);

/** The version of `type`'s data schema an event of metadata `schemaVersion` carries (undefined: unknown envelope). */
export function dataVersionOf(type: EventType, schemaVersion: unknown): number | undefined {
  const generation = DATA_GENERATION.get(schemaVersion);
  if (generation === undefined) return undefined;
  const versions = Object.keys(LATER_DATA_SCHEMAS[type] ?? {}).map(Number).filter((v) => v <= generation);
  return Math.max(1, ...versions);
}

export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS_V1) as EventType[];

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addFormat('date', { type: 'string', validate: isCalendarDate });

/** type → data schema version → validator. */
const dataValidators = new Map<string, Map<number, ValidateFunction>>(
  EVENT_TYPES.map((type) => [
    type,
    new Map([[1, ajv.compile(EVENT_SCHEMAS_V1[type])], ...Object.entries(LATER_DATA_SCHEMAS[type] ?? {}).map(([v, schema]): [number, ValidateFunction] => [Number(v), ajv.compile(schema)])]),
  ]),
);
/** metadata.schemaVersion → its validator: an event is checked against the envelope it says it has. */
const metadataValidators = new Map<unknown, ValidateFunction>([
  [1, ajv.compile(eventMetadataV1)],
  [2, ajv.compile(eventMetadataV2)],
  [3, ajv.compile(eventMetadataV3)],
]);
const schemaVersionOf = (metadata: unknown): unknown =>
  typeof metadata === 'object' && metadata !== null && 'schemaVersion' in metadata ? metadata.schemaVersion : undefined;
const metadataValidatorOf = (metadata: unknown): ValidateFunction => metadataValidators.get(schemaVersionOf(metadata)) ?? metadataValidators.get(CURRENT_METADATA_VERSION)!;

export function isEventType(type: string): type is EventType {
  return dataValidators.has(type);
}

export function problemsOf(validate: ValidateFunction, prefix: string): FieldProblem[] {
  return (validate.errors ?? []).map((e) => ({
    field: `${prefix}${e.instancePath}` || prefix,
    message: `${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`,
  }));
}

/**
 * Throws InvalidEventError naming every offending field; returns the event typed. The data is
 * checked against the schema version its metadata's schemaVersion names: an older event
 * validates as it was written, and is typed as the current shape only after upcastEvent.
 */
export function validateEvent(event: { type: string; data: unknown; metadata: unknown }): DomainEvent {
  const byVersion = dataValidators.get(event.type);
  const validateData = byVersion?.get(dataVersionOf(event.type as EventType, schemaVersionOf(event.metadata)) ?? 1);
  if (!validateData) throw new InvalidEventError(event.type, [{ field: 'type', message: `unknown event type ${event.type}` }]);
  const problems: FieldProblem[] = [];
  if (!validateData(event.data)) problems.push(...problemsOf(validateData, 'data'));
  const metadataValidator = metadataValidatorOf(event.metadata);
  if (!metadataValidator(event.metadata)) problems.push(...problemsOf(metadataValidator, 'metadata'));
  if (problems.length > 0) throw new InvalidEventError(event.type, problems);
  return event as DomainEvent;
}

export type { EventDataByType };
