/**
 * The last step of an annulment at position A (annul-act.ts): moves that were valid when
 * recorded can close a parent cycle once the act's changes are gone (the act had moved a unit
 * out of the way). Each such move is invalidated like other dependent changes: retracted from A
 * on and listed in the act's `invalidatedChanges`, so that the structure on every date stays a
 * forest. On each date from the earliest retracted structural change on, the walk goes up from
 * every unit whose parent or existence the annulment changed; on a cycle, the move on it recorded
 * last (the one that closed it) is invalidated, and the walk starts again. Iterative and bounded:
 * each round retracts one move. Pure.
 */
import type { ActRecord } from './acts-index.ts';
import { entityTimelines } from './event-footprint.ts';
import type { EventRefIndex } from './event-ref-index.ts';
import type { OrgModels } from './read-models.ts';
import type { EventRef } from './views.ts';

export function invalidateParentCycles(org: OrgModels, record: ActRecord, annulment: EventRef, refs: EventRefIndex, changedUnits: Set<string>): void {
  const A = annulment.position;
  const chart = org.chart;
  const affected = new Set([...changedUnits].filter((id) => chart.unitTimelines(id)));
  // Each round retracts one of the org's moves, so there are at most that many rounds.
  const moves = chart.unitIds().reduce((n, id) => n + chart.unitTimelines(id)!.parentId.versions.length, 0);
  for (let round = 0; round <= moves; round++) {
    const cycle = firstCycle();
    if (!cycle) return;
    const label = `${cycle.units.join(' → ')} → ${cycle.units[0]}`;
    const closing = cycle.moves.reduce((a, b) => (b.position > a.position ? b : a));
    const reason = `would leave a parent cycle ${label} on ${dateOf(cycle.day)}`;
    record.invalidatedChanges.push({ position: closing.position, actId: closing.act?.id ?? null, reason });
    record.invalidatedChanges.sort((a, b) => a.position - b.position);
    org.acts.retract(closing.position, { annulledAt: A, actId: record.actId, invalidated: reason });
    const unitId = String(closing.data.unitId);
    for (const [, timeline] of entityTimelines(org, `unit:${unitId}`)) timeline.retract(closing.position, A);
    affected.add(unitId);
  }

  /** The first cycle through an affected unit, on the earliest date it appears, with the moves that set its links. */
  function firstCycle(): { day: number; units: string[]; moves: EventRef[] } | undefined {
    for (const day of candidateDays()) {
      for (const start of affected) {
        const path: string[] = [];
        const onPath = new Map<string, number>();
        for (let id: string | null = start; id !== null; ) {
          const unit = chart.unitTimelines(id);
          if (!unit || unit.active.valueAtDay(day, A) !== true) break;
          const seenAt = onPath.get(id);
          if (seenAt !== undefined) {
            const units = path.slice(seenAt);
            const moves = units.flatMap((u) => {
              const version = chart.unitTimelines(u)!.parentId.versionAtDay(day, A);
              const event = version ? refs.at(version.position) : undefined;
              return event?.type === 'UnitMoved' ? [event] : [];
            });
            if (moves.length > 0) return { day, units, moves };
            break;
          }
          onPath.set(id, path.length);
          path.push(id);
          id = unit.parentId.valueAtDay(day, A) ?? null;
        }
      }
    }
    return undefined;
  }

  /** Days on which a unit's parent or existence can differ: from the earliest one the annulment changed on. */
  function candidateDays(): number[] {
    let earliest = Number.POSITIVE_INFINITY;
    for (const id of affected) {
      const unit = chart.unitTimelines(id)!;
      for (const v of [...unit.parentId.versions, ...unit.active.versions]) if (v.retractedAt === A) earliest = Math.min(earliest, v.day);
    }
    if (earliest === Number.POSITIVE_INFINITY) return [];
    const days = new Set<number>([earliest]);
    for (const id of chart.unitIds()) {
      const unit = chart.unitTimelines(id)!;
      for (const v of unit.parentId.versions) if (v.day > earliest && v.position <= A && v.retractedAt > A) days.add(v.day);
    }
    return [...days].sort((a, b) => a - b);
  }
}

function dateOf(day: number): string {
  const text = String(day);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}
