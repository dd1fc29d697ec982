/**
 * Attestations of a known unit on dates it is not active (dissolved, or not yet established):
 * the source's view, recorded by FactsAttested and never applied (docs/evidence.md,
 * "Attestations", rule 3). Read at query time from the unit's own events, so the folds are
 * unchanged; each answer pays for the FactsAttested events of the units it shows.
 *
 * Guarantees: a conflict is `{field: 'active', value: true, ...}`, the source's claim that the
 * unit stands. On a date `at`, an attestation conflicts when its period contains `at` and the
 * unit is not active on `at`; listed on its own (history, source registry), it conflicts when
 * the unit is not active on its first day, the day the attestation is decided on.
 */
import type { FactsAttested } from '../../events/types.ts';
import type { OrgModels } from '../../projections/read-models.ts';
import type { EvidenceConflict } from '../../projections/evidence.ts';
import type { EventRef } from '../../projections/views.ts';

export interface ActivityConflict extends EvidenceConflict {
  field: 'active';
  value: true;
}

/** The FactsAttested events naming the unit in `units`, as known at maxPosition. */
function attestationsNaming(org: OrgModels, unitId: string, maxPosition: number): { ref: EventRef; data: FactsAttested }[] {
  const events = org.chart.unitTimelines(unitId)?.events ?? [];
  return events
    .filter((ref) => ref.type === 'FactsAttested' && ref.position <= maxPosition)
    .map((ref) => ({ ref, data: ref.data as unknown as FactsAttested }))
    .filter(({ data }) => data.units.some((u) => u.unitId === unitId));
}

const isActive = (org: OrgModels, unitId: string, at: string, maxPosition: number) => org.chart.unitTimelines(unitId)?.active.valueAt(at, maxPosition) === true;

const conflictOf = (data: FactsAttested): ActivityConflict => ({ field: 'active', value: true, sourceId: data.sourceId, from: data.period.from, to: data.period.to });

/** Sources that show the unit standing on `at`, a date it is not active on. */
export function inactiveUnitConflictsOn(org: OrgModels, unitId: string, at: string, maxPosition: number): ActivityConflict[] {
  if (isActive(org, unitId, at, maxPosition)) return [];
  return attestationsNaming(org, unitId, maxPosition)
    .filter(({ data }) => data.period.from <= at && at <= data.period.to)
    .map(({ data }) => conflictOf(data));
}

/** The conflict of one FactsAttested event about the unit: present when the unit is not active on the period's first day. */
export function inactiveUnitConflictOf(org: OrgModels, unitId: string, data: FactsAttested, maxPosition: number): ActivityConflict | undefined {
  if (!data.units.some((u) => u.unitId === unitId) || isActive(org, unitId, data.period.from, maxPosition)) return undefined;
  return conflictOf(data);
}

/** Every attestation of `sourceId` naming a unit of `unitIds` on a first day it is not active, with the unit it names. */
export function inactiveUnitConflictsOfSource(org: OrgModels, sourceId: string, unitIds: readonly string[], maxPosition: number): (ActivityConflict & { entity: string })[] {
  const conflicts: (ActivityConflict & { entity: string })[] = [];
  for (const unitId of unitIds) {
    for (const { data } of attestationsNaming(org, unitId, maxPosition)) {
      if (data.sourceId !== sourceId) continue;
      const conflict = inactiveUnitConflictOf(org, unitId, data, maxPosition);
      if (conflict) conflicts.push({ entity: `unit:${unitId}`, ...conflict });
    }
  }
  return conflicts;
}
