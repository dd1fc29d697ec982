/**
 * Turns a read's time parameters into a Cut of the read models and the basis every read
 * response reports: `at` (valid time), `asKnownAt` (the system-time instant) and `position`
 * (the last global position the answer reflects).
 */
import type { Cut } from '../../projections/views.ts';
import { BadRequestError } from '../errors.ts';
import { romeDateOf } from '../time/calendar-date.ts';
import type { Projector } from './projector.ts';

export interface TimeParams {
  /** Calendar date (YYYY-MM-DD); default: today in Europe/Rome. */
  at?: string;
  /** ISO-8601 instant; default: now (everything the projector has applied). */
  asKnownAt?: string;
  /** Exact global position (>= -1), instead of asKnownAt. */
  asOfPosition?: number;
}

export interface Basis {
  /** Null for answers that span valid time (histories, lists). */
  at: string | null;
  asKnownAt: string;
  position: number;
}

export interface ResolvedCut {
  cut: Cut;
  basis: Basis;
}

export async function resolveCut(params: TimeParams, projector: Projector, now: Date, options: { spansValidTime?: boolean } = {}): Promise<ResolvedCut> {
  const models = projector.models;
  const at = params.at ?? romeDateOf(now);
  const basisAt = options.spansValidTime ? null : at;
  if (params.asKnownAt !== undefined && params.asOfPosition !== undefined) {
    throw new BadRequestError('give asKnownAt or asOfPosition, not both', [{ field: 'asOfPosition', message: 'cannot be combined with asKnownAt' }]);
  }
  if (params.asOfPosition !== undefined) {
    const position = params.asOfPosition;
    if (position > models.position) await projector.catchUp();
    if (position > models.position) {
      throw new BadRequestError(`asOfPosition ${position} is beyond the last recorded position ${models.position}`, [
        { field: 'asOfPosition', message: `must be at most ${models.position}` },
      ]);
    }
    return { cut: { at, maxPosition: position }, basis: { at: basisAt, asKnownAt: models.recordedAtOf(position) ?? now.toISOString(), position } };
  }
  if (params.asKnownAt !== undefined) {
    const asKnownAt = new Date(params.asKnownAt).toISOString();
    // An instant after the last applied event may cover events the projector has not applied yet.
    const lastApplied = models.recordedAtOf(models.position);
    if (lastApplied === undefined || asKnownAt >= lastApplied) await projector.catchUp();
    const position = models.positionKnownAt(asKnownAt);
    return { cut: { at, maxPosition: position }, basis: { at: basisAt, asKnownAt, position } };
  }
  const position = models.position;
  return { cut: { at, maxPosition: position }, basis: { at: basisAt, asKnownAt: now.toISOString(), position } };
}
