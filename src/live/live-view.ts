/**
 * A live view: a snapshot of a read model at a position, and the change message an applied
 * event makes for it. Both read the read models at a cut `{at: today, maxPosition}`, so a
 * change replayed later says exactly what it said live: the affected items as they stood
 * right after the event, on today's date (Europe/Rome).
 */
import type { ReadModels } from '../../projections/read-models.ts';
import type { EventRef } from '../../projections/views.ts';
import { romeDateOf } from '../time/calendar-date.ts';

export type LiveViewName = 'org-chart' | 'pdo' | 'events';

/** AND-ed filters; unitId means the unit's subtree on today's date. */
export interface LiveFilter {
  unitId?: string;
  objectiveId?: string;
  indicatorId?: string;
}

export interface LiveSnapshot {
  position: number;
  [field: string]: unknown;
}

/** The `data` of an `event: change` message. */
export interface LiveChangeData {
  position: number;
  eventId: string;
  type: string;
  streamId: string;
  orgId: string;
  effectiveFrom: string;
  recordedAt: string;
  recordedBy: string;
  act: EventRef['act'];
  data: Record<string, unknown>;
  [viewField: string]: unknown;
}

export interface LiveView {
  readonly name: LiveViewName;
  readonly orgId: string;
  /** The view as of `position` (<= the projector's position). */
  snapshot(position: number): LiveSnapshot;
  /** The change message of an applied event, or undefined when the event does not touch the view. */
  change(ref: EventRef): LiveChangeData | undefined;
}

export interface LiveViewContext {
  models: ReadModels;
  clock: () => Date;
}

export function today(context: LiveViewContext): string {
  return romeDateOf(context.clock());
}

/** The instant a position was recorded (system time), or now for a store without events yet. */
export function asKnownAtOf(context: LiveViewContext, position: number): string {
  return context.models.recordedAtOf(position) ?? context.clock().toISOString();
}

export function eventFields(ref: EventRef, orgId: string): LiveChangeData {
  return {
    position: ref.position,
    eventId: ref.eventId,
    type: ref.type,
    streamId: ref.streamId,
    orgId,
    effectiveFrom: ref.effectiveFrom,
    recordedAt: ref.recordedAt,
    recordedBy: ref.recordedBy,
    act: ref.act,
    data: ref.data,
  };
}
