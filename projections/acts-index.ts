/**
 * The acts of one org: which events each act produced (by position) and whether, and by
 * what, it was annulled; and which events are retracted (by an annulment) from which
 * position on. Positions only: the events themselves are resolved through EventRefIndex.
 * Pure: filled by ReadModels.apply and by annulAct (annul-act.ts).
 */
import type { ActRef } from '../src/commands/command-types.ts';
import type { EventRef } from './views.ts';

export interface ActAnnulment {
  /** Position of the ActAnnulled event: from it on, the act's events are retracted. */
  position: number;
  /** The annulling act. */
  by: ActRef | null;
  reason: string;
  recordedAt: string;
  recordedBy: string;
  effectiveFrom: string;
}

/** An event of another act that the annulment left invalid (it is retracted too, and listed). */
export interface InvalidatedChange {
  position: number;
  actId: string | null;
  reason: string;
}

export interface ActRecord {
  actId: string;
  /** The act as its first event named it. */
  act: ActRef;
  /** Positions of its events, increasing. */
  positions: number[];
  annulment: ActAnnulment | null;
  invalidatedChanges: InvalidatedChange[];
}

export interface Retraction {
  /** Position of the annulment that retracts the event. */
  annulledAt: number;
  /** The annulled act. */
  actId: string;
  /** Null for the annulled act's own events; the reason for an invalidated event of another act. */
  invalidated: string | null;
}

export class ActsIndex {
  private readonly acts = new Map<string, ActRecord>();
  private readonly retractions = new Map<number, Retraction>();

  record(ref: EventRef): void {
    if (!ref.act) return;
    let record = this.acts.get(ref.act.id);
    if (!record) this.acts.set(ref.act.id, (record = { actId: ref.act.id, act: ref.act, positions: [], annulment: null, invalidatedChanges: [] }));
    record.positions.push(ref.position);
  }

  /** The act, if any of its events is known at maxPosition. */
  get(actId: string, maxPosition: number): ActRecord | undefined {
    const record = this.acts.get(actId);
    return record && record.positions[0]! <= maxPosition ? record : undefined;
  }

  /** Acts known at maxPosition, in the order their first event was recorded. */
  list(maxPosition: number): ActRecord[] {
    return [...this.acts.values()].filter((record) => record.positions[0]! <= maxPosition);
  }

  retract(position: number, retraction: Retraction): void {
    if (!this.retractions.has(position)) this.retractions.set(position, retraction);
  }

  retraction(position: number): Retraction | undefined {
    return this.retractions.get(position);
  }

  /** Whether the event at `position` is retracted as known at maxPosition. */
  isRetracted(position: number, maxPosition: number): boolean {
    const retraction = this.retractions.get(position);
    return retraction !== undefined && retraction.annulledAt <= maxPosition;
  }
}
