/**
 * History entries with field-level before/after.
 *
 * Definition (as of the cut: the events visible at maxPosition — recorded at or before it
 * and not retracted by an annulment known at it): for each attribute the event set,
 *   before = the attribute's value in the fold immediately before applying this event, in
 *            (effectiveFrom, position) order — i.e. the value on the event's effective date
 *            set by the last visible event ordered before it; null when nothing set it before
 *            (e.g. the establishment of a unit). For a backdated event this can be a value
 *            recorded after it but effective earlier.
 *   after  = the value this event set.
 * Field names: the attribute for the history's subject (`name`, `parentId`, `head`,
 * `years/2025`, `target`); `<units|competencies|objectives|indicators>/<id>/<attribute>` for
 * another entity the event changed (a sub-unit moved under the unit, a competency, an
 * indicator of the objective); `measurements/<measuredAt>` for a measurement.
 * Retracted events (annulled, or invalidated by an annulment) are left out of histories as
 * known from the annulment on.
 */
import { entityTimelines, footprintOf, splitEntityKey, type EntityKey } from '../../projections/event-footprint.ts';
import type { OrgModels, ReadModels } from '../../projections/read-models.ts';
import type { EvidenceConflict } from '../../projections/evidence.ts';
import { isVisible } from '../../projections/timeline.ts';
import type { EventRef, HistoryEntry } from '../../projections/views.ts';
import type { DatePeriod, FactBasis } from '../commands/command-types.ts';
import { applicableQualifiers, qualifierFlags } from './provenance.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const PLURAL: Record<string, string> = { unit: 'units', competency: 'competencies', objective: 'objectives', indicator: 'indicators' };
/** Internal attributes that are not facts of their own. */
const INTERNAL = new Set(['mode']);

export function fieldChanges(org: OrgModels, ref: EventRef, subject: EntityKey, maxPosition: number): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of footprintOf(ref).sets) {
    const { kind, id } = splitEntityKey(key);
    const prefix = key === subject ? '' : `${PLURAL[kind]}/${id}/`;
    for (const [attribute, timeline] of entityTimelines(org, key)) {
      if (INTERNAL.has(attribute)) continue;
      const version = timeline.versionOf(ref.position);
      if (!version) continue;
      const before = timeline.versionBefore(version.validFrom, ref.position, maxPosition);
      changes.push({ field: `${prefix}${attribute}`, before: before?.value ?? null, after: version.value });
    }
  }
  if (ref.type === 'MeasurementRecorded') {
    const { indicatorId, measuredAt, value } = ref.data as { indicatorId: string; measuredAt: string; value: number };
    let before: number | null = null;
    for (const m of org.pdo.measurementsOn(indicatorId, measuredAt)) {
      if (m.position < ref.position && isVisible({ position: m.position, retractedAt: org.acts.retraction(m.position)?.annulledAt }, maxPosition)) before = m.value;
    }
    changes.push({ field: `measurements/${measuredAt}`, before, after: value });
  }
  return changes;
}

/** How the change is known (docs/evidence.md): its basis, the sources it names, the period an attestation covers. */
export interface EntryBasis {
  status: FactBasis;
  sourceIds: string[];
  period: DatePeriod | null;
}

export type HistoryEntryWithChanges = HistoryEntry & {
  changes: FieldChange[];
  basis: EntryBasis;
  /** On an attestation of the unit on a first day it is not active: the source's view, never applied. */
  conflicts?: EvidenceConflict[];
  approximate?: boolean;
  inferred?: boolean;
  qualifiers?: ReturnType<typeof applicableQualifiers>;
};

function entryBasis(org: OrgModels, ref: EventRef): EntryBasis {
  const known = org.chart.knownBasisAt(ref.position) ?? org.pdo.basisAt(ref.position);
  if (known) return { status: known.basis, sourceIds: [...known.sources], period: known.period };
  // A measurement (not kept per event): shown by its source on measuredAt.
  return { status: ref.act ? 'enacted' : 'attested', sourceIds: ref.act ? [ref.act.id] : [], period: null };
}

/** The visible events of a history, as entries with `changes`; with provenance, each entry's qualifier flags too. */
export function historyEntries(
  models: ReadModels,
  org: OrgModels,
  history: EventRef[],
  subject: EntityKey,
  maxPosition: number,
  withProvenance = false,
): HistoryEntryWithChanges[] {
  return history
    .filter((ref) => !org.acts.isRetracted(ref.position, maxPosition))
    .map(({ data, ...rest }) => {
      const ref = { ...rest, data };
      const entry: HistoryEntryWithChanges = { ...rest, change: data, changes: fieldChanges(org, ref, subject, maxPosition), basis: entryBasis(org, ref) };
      if (!withProvenance) return entry;
      const qualifiers = applicableQualifiers(ref, models.refs.commandIndexOf(ref.position));
      return { ...entry, ...qualifierFlags(qualifiers), qualifiers };
    });
}
