/**
 * What changed in an org chart between two cuts (diff-window.ts), attribute by attribute:
 * units established, dissolved, renamed, moved, reclassified, heads changed; competencies
 * assigned, withdrawn, moved between units, text changed. Between two system-time cuts, every
 * unit, competency and head present at one and absent at the other is a row, also when an
 * annulment removed it altogether (`unit-annulled`; a competency's row is
 * `competency-withdrawn`), attributed to the ActAnnulled event. Computed by comparing the two
 * states (OrgChartIndex.snapshot), then attributing each difference to the events of the
 * window that set that attribute. A value changed and changed back is no difference.
 */
import type { OrgChartIndex, OrgSnapshot } from '../../../projections/org-chart-index.ts';
import { byEffectiveDate } from '../../../projections/order.ts';
import type { EventRef, Head } from '../../../projections/views.ts';
import { inHistoryOrder, responsibleEvents, type ChangeEvent, type DiffWindow, type Retractions } from './diff-window.ts';

export type OrgChartChangeKind =
  | 'unit-established'
  | 'unit-dissolved'
  | 'unit-annulled'
  | 'unit-renamed'
  | 'unit-moved'
  | 'unit-reclassified'
  | 'head-changed'
  | 'competency-assigned'
  | 'competency-withdrawn'
  | 'competency-moved'
  | 'competency-text-changed'
  /** The state is the same, its evidence is not (attested → carried-forward...): change-basis.ts. */
  | 'evidence-changed';

/**
 * One difference. `from`/`to` are the attribute's values before and after: a name, a parent
 * unit id, a kind, a head ("person (title)"), a holding unit id, or a competency text; null
 * where there is none. `unitId` is the unit concerned (for a competency, its holder after the
 * change, or before a withdrawal).
 */
export interface OrgChartChange {
  change: OrgChartChangeKind;
  unitId: string | null;
  unitName: string | null;
  competencyId: string | null;
  competencyText: string | null;
  from: string | null;
  to: string | null;
  events: ChangeEvent[];
}

export interface OrgChartDiffSources {
  chart: OrgChartIndex;
  /** Events about one competency, as known at maxPosition (AuditIndex.competencyHistory). */
  competencyHistory(competencyId: string, maxPosition: number): EventRef[];
  retractions: Retractions;
}

const UNIT_TYPES: Record<'unit-established' | 'unit-dissolved' | 'unit-annulled' | 'unit-renamed' | 'unit-moved' | 'unit-reclassified' | 'head-changed', string[]> = {
  'unit-established': ['UnitEstablished'],
  'unit-dissolved': ['UnitDissolved'],
  // Gone altogether: its establishment was retracted (the row's event is the ActAnnulled).
  'unit-annulled': ['UnitEstablished'],
  'unit-renamed': ['UnitRenamed', 'UnitEstablished'],
  'unit-moved': ['UnitMoved', 'UnitEstablished'],
  'unit-reclassified': ['UnitReclassified', 'UnitEstablished'],
  'head-changed': ['HeadAppointed', 'HeadVacated'],
};
const HOLDER_TYPES = ['CompetencyAssigned', 'CompetencyWithdrawn', 'CompetencyTransferred'];

export function diffOrgChart({ chart, competencyHistory, retractions }: OrgChartDiffSources, window: DiffWindow): OrgChartChange[] {
  const before = chart.snapshot(window.before);
  const after = chart.snapshot(window.after);
  const maxPosition = window.after.maxPosition;
  const changes: OrgChartChange[] = [];

  // Over both sides: a unit or competency an annulment removed entirely is in `before` only.
  for (const unitId of new Set([...before.units.keys(), ...after.units.keys()])) {
    const was = before.units.get(unitId);
    const now = after.units.get(unitId);
    const wasActive = was?.active === true;
    const isActive = now?.active === true;
    const unitEvents = (kind: keyof typeof UNIT_TYPES) =>
      responsibleEvents(window, chart.unitHistory(unitId, maxPosition).filter((e) => e.data.unitId === unitId && UNIT_TYPES[kind].includes(e.type)), retractions);
    const add = (change: keyof typeof UNIT_TYPES, from: string | null, to: string | null, name: string) =>
      changes.push({ change, unitId, unitName: name, competencyId: null, competencyText: null, from, to, events: unitEvents(change) });

    if (!wasActive && isActive) add('unit-established', null, now.name, now.name);
    if (wasActive && !isActive) add(now ? 'unit-dissolved' : 'unit-annulled', was.name, null, was.name);
    if (wasActive && isActive) {
      if (was.name !== now.name) add('unit-renamed', was.name, now.name, now.name);
      if (was.parentId !== now.parentId) add('unit-moved', was.parentId, now.parentId, now.name);
      if (was.kind !== now.kind) add('unit-reclassified', was.kind, now.kind, now.name);
    }
    const headBefore = wasActive ? headLabel(was.head) : null;
    if (isActive && headBefore !== headLabel(now.head)) add('head-changed', headBefore, headLabel(now.head), now.name);
    // A unit that is gone takes its head with it (a dissolution requires no head to be vacated first, so it is not a row there).
    if (wasActive && !now && headBefore !== null) add('head-changed', headBefore, null, was.name);
  }

  for (const competencyId of new Set([...before.competencies.keys(), ...after.competencies.keys()])) {
    const was = before.competencies.get(competencyId);
    const now = after.competencies.get(competencyId);
    const [holderBefore, holderAfter] = [was?.holder ?? null, now?.holder ?? null];
    const events = (types: string[]) => responsibleEvents(window, byEffectiveDate(competencyHistory(competencyId, maxPosition).filter((e) => types.includes(e.type))), retractions);
    const add = (change: OrgChartChangeKind, unitId: string, snapshot: OrgSnapshot, text: string, from: string | null, to: string | null, types: string[]) =>
      changes.push({ change, unitId, unitName: snapshot.units.get(unitId)?.name ?? null, competencyId, competencyText: text, from, to, events: events(types) });

    if (holderBefore === null && holderAfter !== null) add('competency-assigned', holderAfter, after, now!.text, null, holderAfter, HOLDER_TYPES);
    if (holderBefore !== null && holderAfter === null) add('competency-withdrawn', holderBefore, before, was!.text, holderBefore, null, HOLDER_TYPES);
    if (holderBefore !== null && holderAfter !== null && holderBefore !== holderAfter) add('competency-moved', holderAfter, after, now!.text, holderBefore, holderAfter, HOLDER_TYPES);
    if (holderBefore !== null && holderAfter !== null && was!.text !== now!.text) add('competency-text-changed', holderAfter, after, now!.text, was!.text, now!.text, ['CompetencyAssigned']);
  }
  return inHistoryOrder(changes);
}

function headLabel(head: Head | null): string | null {
  return head === null ? null : head.title ? `${head.person} (${head.title})` : head.person;
}
