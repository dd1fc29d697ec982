/**
 * The two cuts a diff compares, and the window of events that can explain their difference.
 *   - valid time ("what changed between two dates"): the states on `from` and on `to`, both
 *     as known at one system-time cut (asKnownAt / asOfPosition, default now); the responsible
 *     events are those with effectiveFrom in (from, to] recorded at or before that cut;
 *   - system time ("what did we learn between two instants"): the state on one date `at`
 *     (default today) as known at asKnownFrom and at asKnownTo (or exact positions); the
 *     responsible events are those recorded in (positionFrom, positionTo] with effectiveFrom
 *     on or before `at` (late recordings and corrections).
 */
import type { Cut, EventRef } from '../../../projections/views.ts';
import { AppError, BadRequestError } from '../../errors.ts';
import type { Projector } from '../projector.ts';
import { resolveCut } from '../resolve-cut.ts';

export interface DiffParams {
  from?: string;
  to?: string;
  at?: string;
  asKnownAt?: string;
  asOfPosition?: number;
  asKnownFrom?: string;
  asKnownTo?: string;
  asOfPositionFrom?: number;
  asOfPositionTo?: number;
}

export type DiffBasis =
  | { compare: 'valid-time'; from: string; to: string; asKnownAt: string; position: number }
  | { compare: 'system-time'; at: string; asKnownFrom: string; positionFrom: number; asKnownTo: string; positionTo: number };

export interface DiffWindow {
  before: Cut;
  after: Cut;
  basis: DiffBasis;
  /** True for a (standing) event that can have produced a difference between `before` and `after`. */
  explains(ref: EventRef): boolean;
  /** True when the annulment at position `annulledAt`, by retracting `ref`, can have produced a difference. */
  explainsAnnulment(ref: EventRef, annulledAt: number): boolean;
}

/** Annulments as the read models know them (ActsIndex.retraction, EventRefIndex.at). */
export interface Retractions {
  retraction(position: number): { annulledAt: number } | undefined;
  eventAt(position: number): EventRef | undefined;
}

/** One responsible event, flat enough for a CSV row. */
export type ChangeEvent = Pick<EventRef, 'eventId' | 'position' | 'type' | 'effectiveFrom' | 'recordedAt' | 'recordedBy' | 'act'>;

export const toChangeEvent = ({ eventId, position, type, effectiveFrom, recordedAt, recordedBy, act }: EventRef): ChangeEvent => ({
  eventId,
  position,
  type,
  effectiveFrom,
  recordedAt,
  recordedBy,
  act,
});

/**
 * The events responsible for a difference, among `candidates` (the events that set the
 * attribute, in history order): those of the window still standing at the later cut, and the
 * annulments of the window that retracted one of them.
 */
export function responsibleEvents(window: DiffWindow, candidates: EventRef[], retractions: Retractions): ChangeEvent[] {
  const events: EventRef[] = [];
  for (const event of candidates) {
    const annulledAt = retractions.retraction(event.position)?.annulledAt;
    if ((annulledAt === undefined || annulledAt > window.after.maxPosition) && window.explains(event)) events.push(event);
    else if (annulledAt !== undefined && window.explainsAnnulment(event, annulledAt)) {
      const annulment = retractions.eventAt(annulledAt);
      if (annulment && !events.includes(annulment)) events.push(annulment);
    }
  }
  return events.map(toChangeEvent);
}

/** Ordered by the first responsible event (effective date, then position); changes without one first. */
export function inHistoryOrder<T extends { events: ChangeEvent[] }>(changes: T[]): T[] {
  const keyOf = (change: T, index: number) => ({ effectiveFrom: change.events[0]?.effectiveFrom ?? '', position: change.events[0]?.position ?? -1, index });
  return changes
    .map((change, index) => ({ change, key: keyOf(change, index) }))
    .sort(({ key: a }, { key: b }) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.position - b.position || a.index - b.index))
    .map(({ change }) => change);
}

/** Two dates compared at one system-time cut: events effective in (from, to], recorded by then. */
export function validTimeWindow(from: string, to: string, known: { asKnownAt: string; position: number }): DiffWindow {
  return {
    before: { at: from, maxPosition: known.position },
    after: { at: to, maxPosition: known.position },
    basis: { compare: 'valid-time', from, to, asKnownAt: known.asKnownAt, position: known.position },
    explains: (ref) => ref.effectiveFrom > from && ref.effectiveFrom <= to && ref.position <= known.position,
    // At one system-time cut an annulled act's events are simply not there, on either date.
    explainsAnnulment: () => false,
  };
}

/** One date as known at two cuts: events recorded in (positionFrom, positionTo], effective by `at`. */
export function systemTimeWindow(at: string, start: { asKnownAt: string; position: number }, end: { asKnownAt: string; position: number }): DiffWindow {
  return {
    before: { at, maxPosition: start.position },
    after: { at, maxPosition: end.position },
    basis: { compare: 'system-time', at, asKnownFrom: start.asKnownAt, positionFrom: start.position, asKnownTo: end.asKnownAt, positionTo: end.position },
    explains: (ref) => ref.position > start.position && ref.position <= end.position && ref.effectiveFrom <= at,
    // An event that stood at the start and is annulled by the end: the annulment is what changed.
    explainsAnnulment: (ref, annulledAt) => annulledAt > start.position && annulledAt <= end.position && ref.position <= start.position && ref.effectiveFrom <= at,
  };
}

/** Resolves the mode the (schema-checked) params name into two cuts and their window. */
export async function resolveDiffWindow(params: DiffParams, projector: Projector, now: Date): Promise<DiffWindow> {
  if (params.from !== undefined && params.to !== undefined) {
    const { basis } = await resolveCut({ at: params.to, asKnownAt: params.asKnownAt, asOfPosition: params.asOfPosition }, projector, now);
    return validTimeWindow(params.from, params.to, basis);
  }
  const start = await renamingFields(resolveCut({ at: params.at, asKnownAt: params.asKnownFrom, asOfPosition: params.asOfPositionFrom }, projector, now), 'From');
  const end = await renamingFields(resolveCut({ at: params.at, asKnownAt: params.asKnownTo, asOfPosition: params.asOfPositionTo }, projector, now), 'To');
  if (start.basis.position > end.basis.position) {
    const field = params.asOfPositionFrom !== undefined ? 'asOfPositionFrom' : 'asKnownFrom';
    throw new BadRequestError(`the start of the system-time window (position ${start.basis.position}) is after its end (position ${end.basis.position})`, [
      { field, message: 'must not be after the end of the window' },
    ]);
  }
  return systemTimeWindow(end.cut.at, start.basis, end.basis);
}

/** resolveCut names its own fields (asKnownAt, asOfPosition); a window end names its own. */
async function renamingFields<T>(resolving: Promise<T>, suffix: 'From' | 'To'): Promise<T> {
  try {
    return await resolving;
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 400) throw error;
    throw new BadRequestError(
      error.message,
      error.problems.map((p) => ({ ...p, field: p.field === 'asKnownAt' ? `asKnown${suffix}` : p.field === 'asOfPosition' ? `asOfPosition${suffix}` : p.field })),
    );
  }
}
