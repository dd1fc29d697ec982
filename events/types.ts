/**
 * The event catalogue's TypeScript types. Each type has exactly one JSON Schema per
 * version in events/schemas/; the schemas are typed `JSONSchemaType<T>` against these
 * interfaces, so `npm run typecheck` fails the moment a type and its schema disagree.
 *
 * Event names are past-tense facts. Valid time (`effectiveFrom`) is in the metadata of
 * every event; system time (`recordedAt`) is assigned by the store.
 */
import type { Integrity } from '../src/audit/event-hash.ts';
import type { ActRef, DatePeriod, FactBasis, MatrixRow, ObjectiveLink, PlanItemLink, Provenance, SourceScopeKind } from '../src/commands/command-types.ts';

export type { DatePeriod, FactBasis, MatrixRow, PlanItemLink, SourceScopeKind };

export interface EventMetadata {
  schemaVersion: number;
  orgId: string;
  /** Principal that recorded the event (from the token or the importer), never from a request body. */
  recordedBy: string;
  /** The administrative act the change comes from; null only where no act applies (e.g. a measurement). */
  act: ActRef | null;
  /** Valid time: the calendar date (Europe/Rome) from which the change holds. */
  effectiveFrom: string;
  correlationId: string;
  causationId: string | null;
  provenance?: Provenance;
  /** How the change is known (metadata schema v2; required there). v1 events have none: see projections/evidence.ts. */
  evidence?: EventEvidence;
  /** Added by the hash-chained store at append (src/audit/hash-chained-store.ts), never by a command. */
  integrity?: Integrity;
}

/** Why a change is believed: in metadata v2 of every domain event (docs/evidence.md). */
export interface EventEvidence {
  basis: FactBasis;
  /** The registered source that shows, announces or (with an act) enacts the change. */
  sourceId: string | null;
  /** For an inference: the sources it rests on (e.g. both documents of an inferred rename). */
  inferredFrom: string[];
  /** For an attestation: the dates the source shows it holding. */
  period: DatePeriod | null;
  /** Required for an inference. */
  reason: string | null;
}

export interface SourceRegistered {
  sourceId: string;
  orgId: string;
  title: string;
  kind: string;
  /** An act with legal effect (delibera, determinazione, decreto, regolamento) enacts changes. */
  legalEffect: boolean;
  issuedOn: string | null;
  period: DatePeriod | null;
  /** Where the document does not state its date: how it was estimated. */
  dateQualifier: { kind: 'approximate' | 'inferred'; reason: string } | null;
  location: { file: string | null; lines: { from: number; to: number }[]; url: string | null };
  /** complete-structure: lists every unit below rootUnitId (or of the whole org); complete-plan: every objective of its period. */
  scope: { kind: SourceScopeKind; rootUnitId: string | null };
}

/** One source's view of units, competencies and heads over a period; evidence only, never a change of state. */
export interface FactsAttested {
  sourceId: string;
  period: DatePeriod;
  units: { unitId: string; name?: string; parentId?: string | null; kind?: string }[];
  competencies: { competencyId: string; unitId: string; text?: string }[];
  heads: { unitId: string; person: string; title?: string | null }[];
}

/** A snapshot file imported as source `sourceId`: what the file was (events/schemas/snapshot-imported.v1.ts). */
export interface SnapshotImported {
  sourceId: string;
  file: { name: string; format: 'csv' | 'xlsx'; layout: 'indicepa' | 'organigramma'; digest: string; rows: number; rowsKept: number; columns: string[]; usedColumns: string[]; ignoredColumns: string[] };
  org: { code: string | null; name: string | null };
  snapshotDate: string;
  dateOrigin: 'given' | 'file-column' | 'file-date';
  previousSourceId: string | null;
  nextSourceId: string | null;
}
/** Earlier derived changes that a snapshot placed between two others supersedes: retracted from this event on (events/schemas/inferences-superseded.v1.ts). */
export interface InferencesSuperseded {
  sourceId: string;
  superseded: { eventId: string; position: number }[];
  reason: string;
}

export interface OrgRegistered { orgId: string; name: string }
export interface UnitEstablished { unitId: string; name: string; kind: string; parentId: string | null }
export interface UnitRenamed { unitId: string; name: string }
export interface UnitMoved { unitId: string; parentId: string | null }
export interface UnitReclassified { unitId: string; kind: string }
export interface UnitDissolved { unitId: string; successorIds: string[] }
export interface CompetencyAssigned { competencyId: string; unitId: string; text: string }
export interface CompetencyWithdrawn { competencyId: string; unitId: string }
export interface CompetencyTransferred { competencyId: string; fromUnitId: string; toUnitId: string }
export interface HeadAppointed { unitId: string; person: string; title: string | null }
export interface HeadVacated { unitId: string }

/** ObjectiveDefined data v2 (metadata v3): what commands write. v1 events are upcast to it (upcast.ts). */
export interface ObjectiveDefined {
  objectiveId: string;
  unitId: string;
  title: string;
  plan: string | null;
  /** Statement per plan year; null: the objective holds every year from its effective date. */
  years: Record<string, string> | null;
  /** The plan's detailed description of the objective (null: it gives none). */
  description: string | null;
  links: ObjectiveLink[];
  /** Its rows of the public-value matrix, one object per row. */
  matrix: MatrixRow[];
  /** Its links to items of its plan (strategic dimensions, cross-cutting objectives), each with its basis. */
  planItems: PlanItemLink[];
}
export interface ObjectiveRevised {
  objectiveId: string;
  title?: string;
  unitId?: string;
  /** Per-year merge: a string sets the statement of that year, null removes the year. */
  years?: Record<string, string | null>;
  /** null clears the description. */
  description?: string | null;
  links?: ObjectiveLink[];
  matrix?: MatrixRow[];
  planItems?: PlanItemLink[];
  reason: string | null;
}
/** ObjectiveDefined data v1 (metadata v1, v2): no description, matrix or plan items; links without lines or parts. */
export type ObjectiveDefinedV1 = Omit<ObjectiveDefined, 'description' | 'matrix' | 'planItems'>;
/** ObjectiveRevised data v1. */
export type ObjectiveRevisedV1 = Omit<ObjectiveRevised, 'description' | 'matrix' | 'planItems'>;
/** An item of a plan that is no directorate's objective (stream plan-item-<orgId>.<itemId>). */
export interface PlanItemDefined {
  itemId: string;
  /** The plan it belongs to, as objectives name it (`plan`). */
  plan: string;
  /** e.g. dimensione-strategica, obiettivo-trasversale. */
  kind: string;
  /** Its number or code in the plan, if any. */
  code: string | null;
  title: string;
  description: string | null;
}
export interface ObjectiveWithdrawn { objectiveId: string; reason: string }

export interface IndicatorDefined {
  indicatorId: string;
  objectiveId: string;
  description: string;
  kind: string | null;
  unit: string | null;
  target: number;
}
export interface IndicatorRevised {
  indicatorId: string;
  objectiveId: string;
  description?: string;
  kind?: string | null;
}
export interface IndicatorTargetRevised { indicatorId: string; objectiveId: string; target: number; unit: string | null }
/** The act `actId` is annulled (by the act in this event's metadata): see events/schemas/act-annulled.v1.ts. */
export interface ActAnnulled { actId: string; reason: string }
export interface MeasurementRecorded {
  indicatorId: string;
  objectiveId: string;
  value: number;
  /** Valid time of the measurement (YYYY-MM-DD). */
  measuredAt: string;
  note: string | null;
  source: string | null;
}

/** Type name → data shape as commands write it now (the newest data schema of each type; events/catalogue.ts). */
export interface EventDataByType {
  OrgRegistered: OrgRegistered;
  UnitEstablished: UnitEstablished;
  UnitRenamed: UnitRenamed;
  UnitMoved: UnitMoved;
  UnitReclassified: UnitReclassified;
  UnitDissolved: UnitDissolved;
  CompetencyAssigned: CompetencyAssigned;
  CompetencyWithdrawn: CompetencyWithdrawn;
  CompetencyTransferred: CompetencyTransferred;
  HeadAppointed: HeadAppointed;
  HeadVacated: HeadVacated;
  ObjectiveDefined: ObjectiveDefined;
  ObjectiveRevised: ObjectiveRevised;
  ObjectiveWithdrawn: ObjectiveWithdrawn;
  IndicatorDefined: IndicatorDefined;
  IndicatorRevised: IndicatorRevised;
  IndicatorTargetRevised: IndicatorTargetRevised;
  MeasurementRecorded: MeasurementRecorded;
  ActAnnulled: ActAnnulled;
  SourceRegistered: SourceRegistered;
  FactsAttested: FactsAttested;
  PlanItemDefined: PlanItemDefined;
  SnapshotImported: SnapshotImported;
  InferencesSuperseded: InferencesSuperseded;
}

export type EventType = keyof EventDataByType;

/** Type name → data shape as written with metadata v1 and v2 (data schema generation 1); upcast by events/upcast.ts. */
export type EventDataV1ByType = Omit<EventDataByType, 'ObjectiveDefined' | 'ObjectiveRevised'> & {
  ObjectiveDefined: ObjectiveDefinedV1;
  ObjectiveRevised: ObjectiveRevisedV1;
};

/** A domain event before it is appended: type, data and metadata. */
export type DomainEvent = {
  [K in EventType]: { type: K; data: EventDataByType[K]; metadata: EventMetadata };
}[EventType];

export type OrgEvent = Extract<DomainEvent, { type: 'OrgRegistered' | 'FactsAttested' | `Unit${string}` | `Competency${string}` | `Head${string}` }>;
export type PdoEvent = Extract<DomainEvent, { type: `Objective${string}` | `Indicator${string}` | 'MeasurementRecorded' | 'PlanItemDefined' }>;
