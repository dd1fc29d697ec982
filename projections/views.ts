/**
 * Shapes of the read models' answers. Every answer is taken at a cut:
 *   - `at`: valid time, a calendar date (Europe/Rome);
 *   - `maxPosition`: system time, the last global position the answer reflects
 *     (resolved from `asKnownAt` as the last event recorded at or before that instant).
 * The state at a cut is the events with position <= maxPosition and effective date <= at,
 * applied in (effective date, position) order.
 */
import type { ActRef, MatrixRow, ObjectiveLink, PlanItemLink, Provenance } from '../src/commands/command-types.ts';
import type { PlanItemDefined } from '../events/types.ts';
import type { Evidence } from './evidence.ts';

export type { Evidence, EvidenceStatus } from './evidence.ts';

export interface Cut {
  at: string;
  maxPosition: number;
}

export interface Head {
  person: string;
  title: string | null;
}

/** A head as answers show it: with how the appointment is known. */
export interface HeadView extends Head {
  evidence: Evidence;
}

export interface CompetencyView {
  competencyId: string;
  text: string;
  /** The evidence of its holder being this unit. */
  evidence: Evidence;
}

export interface UnitView {
  unitId: string;
  name: string;
  kind: string;
  parentId: string | null;
  competencies: CompetencyView[];
  head: HeadView | null;
  /** The weakest of the evidence of its name, parent and kind (docs/evidence.md). */
  evidence: Evidence;
}

/** One event as auditors see it: when it holds, when it was recorded, by whom, under which act. */
export interface EventRef {
  eventId: string;
  streamId: string;
  revision: number;
  position: number;
  type: string;
  effectiveFrom: string;
  recordedAt: string;
  recordedBy: string;
  act: ActRef | null;
  provenance: Provenance | null;
  data: Record<string, unknown>;
}

export interface HistoryEntry extends Omit<EventRef, 'data'> {
  /** The event's payload: what changed. */
  change: Record<string, unknown>;
}

export interface OrgSummary {
  orgId: string;
  name: string;
  registeredAt: string;
}

export type ObjectiveStatus = 'active' | 'withdrawn';

export interface MeasurementView {
  value: number;
  measuredAt: string;
  note: string | null;
  source: string | null;
  recordedAt: string;
  position: number;
  /** How it is known on its own measuredAt (projections/evidence.ts, measurementEvidence). */
  evidence: Evidence;
}

export interface IndicatorView {
  indicatorId: string;
  description: string;
  kind: string | null;
  unit: string | null;
  target: number;
  /** The evidence of the target in force. */
  evidence: Evidence;
  latest: { value: number; measuredAt: string; evidence: Evidence } | null;
}

/** An item of a plan (strategic dimension, cross-cutting objective) as it stands at the cut. */
export interface PlanItemView extends PlanItemDefined {
  effectiveFrom: string;
  evidence: Evidence;
}

export interface ObjectiveView {
  objectiveId: string;
  unitId: string;
  /** For a PDO of a year: the statement for that year as it stood at `at`; otherwise the objective's title. */
  title: string;
  status: ObjectiveStatus;
  plan: string | null;
  /** Statement per plan year as it stood at `at`; null for an objective that holds every year. */
  years: Record<string, string> | null;
  /** The plan's detailed description of the objective; null when it gives none. */
  description: string | null;
  links: ObjectiveLink[];
  /** Its public-value matrix rows, one object per row (programma operativo, dimension, driver together). */
  matrix: MatrixRow[];
  /** Its links to items of its plan, each with its basis. */
  planItems: PlanItemLink[];
  effectiveFrom: string;
  indicators: IndicatorView[];
  /** Revision of the objective's stream at the cut: the ETag of the objective. */
  revision: number;
  /** How the objective is known: the change that defined it (docs/evidence.md). */
  evidence: Evidence;
  /** How `title` as shown is known: the year's statement in a PDO of a year, else the title. */
  titleEvidence: Evidence;
  /** The evidence of each statement in `years`; null with years. */
  yearsEvidence: Record<string, Evidence> | null;
}
