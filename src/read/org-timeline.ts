/**
 * The timeline of an org as known at a cut, in one answer (GET /orgs/:org/timeline): the
 * valid-time dates on which its org chart changed, each with the acts behind it (the stops of
 * the page's date slider), and the system-time instants at which its changes were recorded
 * (the choices of "come noto al").
 *
 * Change dates: the effective dates of the visible (not retracted) events of every unit's
 * history. Recordings: the org's events (unit histories, every event of an act, annulments)
 * grouped into runs of consecutive positions with the same act, or without an act the same
 * sources of their basis (docs/evidence.md: a registered source's attestation or changes is its
 * own run, so a seed import of five documents is five or more stops); each run is offered at the
 * instant of its last event (`asKnownAt`: answers as known then include the whole run), with
 * how many days after its earliest effective date it was recorded (`daysLate`, Europe/Rome
 * calendar of recordedAt, as GET /audit/backdated counts).
 */
import type { OrgModels, ReadModels } from '../../projections/read-models.ts';
import type { ActRef } from '../commands/command-types.ts';
import { romeDateOf } from '../time/calendar-date.ts';
import type { Projector } from './projector.ts';
import { requireOrg } from './require-org.ts';
import { resolveCut, type Basis, type TimeParams } from './resolve-cut.ts';

export interface ChangeDate {
  date: string;
  /** Acts of the changes effective on that date, in order of first recording. */
  acts: ActRef[];
  eventCount: number;
  /** The earliest position among its events: as known before it, the date had no change. */
  firstPosition: number;
}

export interface Recording {
  /** The instant of the run's last event: "as known at" it includes the whole run. */
  asKnownAt: string;
  firstRecordedAt: string;
  fromPosition: number;
  toPosition: number;
  act: ActRef | null;
  /** Without an act: the registered sources its events' basis names (empty: none, e.g. a person's inference). */
  sourceIds: string[];
  eventCount: number;
  /** Earliest effective date among the run's events. */
  earliestEffectiveFrom: string;
  daysLate: number;
}

export interface TimelineAnswer extends Basis {
  changeDates: ChangeDate[];
  recordings: Recording[];
}

const DAY_MS = 86_400_000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function changeDates(org: OrgModels, maxPosition: number): ChangeDate[] {
  const byDate = new Map<string, { acts: Map<string, ActRef>; positions: Set<number> }>();
  for (const unitId of org.chart.unitIds()) {
    for (const ref of org.chart.unitHistory(unitId, maxPosition)) {
      if (org.acts.isRetracted(ref.position, maxPosition)) continue;
      let entry = byDate.get(ref.effectiveFrom);
      if (!entry) byDate.set(ref.effectiveFrom, (entry = { acts: new Map(), positions: new Set() }));
      entry.positions.add(ref.position);
      if (ref.act && !entry.acts.has(ref.act.id)) entry.acts.set(ref.act.id, ref.act);
    }
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, { acts, positions }]) => ({ date, acts: [...acts.values()], eventCount: positions.size, firstPosition: Math.min(...positions) }));
}

function recordings(models: ReadModels, org: OrgModels, maxPosition: number): Recording[] {
  const positions = new Set<number>();
  for (const unitId of org.chart.unitIds()) for (const ref of org.chart.unitHistory(unitId, maxPosition)) positions.add(ref.position);
  for (const record of org.acts.list(maxPosition)) {
    for (const position of record.positions) if (position <= maxPosition) positions.add(position);
    if (record.annulment && record.annulment.position <= maxPosition) positions.add(record.annulment.position);
  }
  const runs: Recording[] = [];
  for (const position of [...positions].sort((a, b) => a - b)) {
    const ref = models.refs.at(position);
    const recordedAt = ref?.recordedAt ?? models.recordedAtOf(position);
    if (!recordedAt) continue;
    const act = ref?.act ?? null;
    const sourceIds = act ? [] : [...((org.chart.knownBasisAt(position) ?? org.pdo.basisAt(position))?.sources ?? [])];
    const effectiveFrom = ref?.effectiveFrom ?? romeDateOf(new Date(recordedAt));
    const last = runs.at(-1);
    if (last && (last.act?.id ?? null) === (act?.id ?? null) && last.sourceIds.join('\n') === sourceIds.join('\n')) {
      last.asKnownAt = recordedAt;
      last.toPosition = position;
      last.eventCount += 1;
      if (effectiveFrom < last.earliestEffectiveFrom) last.earliestEffectiveFrom = effectiveFrom;
      continue;
    }
    runs.push({ asKnownAt: recordedAt, firstRecordedAt: recordedAt, fromPosition: position, toPosition: position, act, sourceIds, eventCount: 1, earliestEffectiveFrom: effectiveFrom, daysLate: 0 });
  }
  for (const run of runs) run.daysLate = Math.max(0, daysBetween(run.earliestEffectiveFrom, romeDateOf(new Date(run.firstRecordedAt))));
  return runs;
}

export function createTimelineQuery({ projector, clock }: { projector: Projector; clock: () => Date }) {
  const models = projector.models;
  return async function timeline(orgId: string, params: Omit<TimeParams, 'at'>): Promise<TimelineAnswer> {
    const { cut, basis } = await resolveCut(params, projector, clock(), { spansValidTime: true });
    const org = requireOrg(models, orgId, cut.maxPosition);
    return { ...basis, changeDates: changeDates(org, cut.maxPosition), recordings: recordings(models, org, cut.maxPosition) };
  };
}
