/**
 * What changed in the PDO of one plan year between two cuts (diff-window.ts): objectives
 * added to the year, withdrawn, dropped from the year (statement removed, not withdrawn),
 * restated (the year's statement changed), reassigned (owning unit changed); for objectives
 * in the year on both sides, indicators added, revised (description or kind) and targets
 * changed; between two system-time cuts, objectives an annulment removed altogether
 * (`objective-annulled`) and their indicators (`indicator-annulled`), attributed to the
 * ActAnnulled event. The indicators of an added objective come with it (no separate rows). Each
 * difference is attributed to the window's events on that objective or indicator.
 */
import type { PdoIndex } from '../../../projections/pdo-index.ts';
import type { EventRef, IndicatorView, ObjectiveView } from '../../../projections/views.ts';
import { inHistoryOrder, responsibleEvents, type ChangeEvent, type DiffWindow, type Retractions } from './diff-window.ts';

export type PdoChangeKind =
  | 'objective-added'
  | 'objective-withdrawn'
  | 'objective-dropped'
  | 'objective-annulled'
  | 'objective-restated'
  | 'objective-reassigned'
  | 'indicator-added'
  | 'indicator-revised'
  | 'indicator-target-changed'
  | 'indicator-annulled';

/**
 * One difference. `from`/`to`: the year's statement (added, withdrawn, dropped, restated), the
 * owning unit id (reassigned), the indicator description (added, revised: with its kind in
 * brackets) or the target with its unit of measure ("80 %"); null where there is none.
 */
export interface PdoChange {
  change: PdoChangeKind;
  objectiveId: string;
  indicatorId: string | null;
  unitId: string;
  from: string | null;
  to: string | null;
  events: ChangeEvent[];
}

export function diffPdo(pdo: PdoIndex, retractions: Retractions, year: number, window: DiffWindow): PdoChange[] {
  const before = new Map(pdo.pdo(year, window.before).map((o) => [o.objectiveId, o]));
  const after = new Map(pdo.pdo(year, window.after).map((o) => [o.objectiveId, o]));
  const maxPosition = window.after.maxPosition;
  const changes: PdoChange[] = [];
  const yearKey = String(year);

  for (const objectiveId of new Set([...before.keys(), ...after.keys()])) {
    const [was, now] = [before.get(objectiveId), after.get(objectiveId)];
    let history: EventRef[] | undefined;
    const add = (change: PdoChangeKind, unitId: string, from: string | null, to: string | null, setsIt: (e: EventRef) => boolean, indicatorId: string | null = null) => {
      history ??= pdo.objectiveHistory(objectiveId, maxPosition);
      changes.push({ change, objectiveId, indicatorId, unitId, from, to, events: responsibleEvents(window, history.filter(setsIt), retractions) });
    };
    const revises = (field: 'title' | 'unitId' | 'years') => (e: EventRef) => e.type === 'ObjectiveRevised' && e.data[field] !== undefined;
    const setsYear = (e: EventRef) => (e.data.years as Record<string, unknown> | null | undefined)?.[yearKey] !== undefined;

    if (!was && now) add('objective-added', now.unitId, null, now.title, (e) => e.type === 'ObjectiveDefined' || (e.type === 'ObjectiveRevised' && setsYear(e)));
    if (was && !now && !pdo.knowsObjective(objectiveId, maxPosition)) add('objective-annulled', was.unitId, was.title, null, (e) => e.type === 'ObjectiveDefined');
    else if (was && !now) {
      const withdrawn = pdo.objective(objectiveId, window.after)?.status === 'withdrawn';
      if (withdrawn) add('objective-withdrawn', was.unitId, was.title, null, (e) => e.type === 'ObjectiveWithdrawn');
      else add('objective-dropped', was.unitId, was.title, null, revises('years'));
    }
    if (!was || !now) continue;
    // A yearly objective's statement comes from its years, an open one's from its title.
    const restates = now.years !== null ? (e: EventRef) => e.type === 'ObjectiveRevised' && setsYear(e) : revises('title');
    if (was.title !== now.title) add('objective-restated', now.unitId, was.title, now.title, restates);
    if (was.unitId !== now.unitId) add('objective-reassigned', now.unitId, was.unitId, now.unitId, revises('unitId'));
    diffIndicators(was, now, (change, indicatorId, from, to, types) =>
      add(change, now.unitId, from, to, (e) => e.data.indicatorId === indicatorId && types.includes(e.type), indicatorId),
    );
  }
  return inHistoryOrder(changes);
}

type AddIndicatorChange = (change: PdoChangeKind, indicatorId: string, from: string | null, to: string | null, types: string[]) => void;

function diffIndicators(was: ObjectiveView, now: ObjectiveView, add: AddIndicatorChange): void {
  const before = new Map(was.indicators.map((i) => [i.indicatorId, i]));
  const kept = new Set(now.indicators.map((i) => i.indicatorId));
  // Indicators are never removed but by an annulment (of the act that defined one).
  for (const old of was.indicators) if (!kept.has(old.indicatorId)) add('indicator-annulled', old.indicatorId, describe(old), null, ['IndicatorDefined']);
  for (const indicator of now.indicators) {
    const old = before.get(indicator.indicatorId);
    if (!old) {
      add('indicator-added', indicator.indicatorId, null, describe(indicator), ['IndicatorDefined']);
      continue;
    }
    if (describe(old) !== describe(indicator)) add('indicator-revised', indicator.indicatorId, describe(old), describe(indicator), ['IndicatorRevised']);
    if (targetOf(old) !== targetOf(indicator)) add('indicator-target-changed', indicator.indicatorId, targetOf(old), targetOf(indicator), ['IndicatorTargetRevised']);
  }
}

const describe = (i: IndicatorView) => (i.kind ? `${i.description} [${i.kind}]` : i.description);
const targetOf = (i: IndicatorView) => (i.unit ? `${i.target} ${i.unit}` : String(i.target));
