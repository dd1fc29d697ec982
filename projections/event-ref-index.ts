/**
 * Every applied domain event's EventRef, by global position: how a timeline version (which
 * keeps only its position) is resolved to the event that produced it, for provenance, history
 * before/after and acts. Holds references to the refs the indexes already keep (no copies):
 * three parallel arrays, a binary search per look-up. Pure: filled only by ReadModels.apply.
 */
import type { EventRef } from './views.ts';

export class EventRefIndex {
  private readonly positions: number[] = [];
  private readonly refs: EventRef[] = [];
  /** Index of each event within the command that appended it (events of one append share causationId). */
  private readonly commandIndexes: number[] = [];
  private lastCausation: string | null = null;

  add(ref: EventRef, causationId: string | null): void {
    const previous = this.refs[this.refs.length - 1];
    const sameCommand = previous !== undefined && causationId !== null && previous.streamId === ref.streamId && this.lastCausation === causationId;
    this.commandIndexes.push(sameCommand ? this.commandIndexes[this.commandIndexes.length - 1]! + 1 : 0);
    this.positions.push(ref.position);
    this.refs.push(ref);
    this.lastCausation = causationId;
  }

  /** The event at a global position, or undefined (never applied, or not a domain event). */
  at(position: number): EventRef | undefined {
    const index = this.indexOf(position);
    return this.positions[index] === position ? this.refs[index] : undefined;
  }

  /** 0 for the first event of its command, 1 for the second...: `changes/<k>` in provenance qualifiers. */
  commandIndexOf(position: number): number {
    const index = this.indexOf(position);
    return this.positions[index] === position ? this.commandIndexes[index]! : 0;
  }

  /** Events with from <= position < to, in position order. */
  *between(from: number, to: number): Iterable<EventRef> {
    for (let i = this.indexOf(from); i < this.refs.length && this.positions[i]! < to; i++) yield this.refs[i]!;
  }

  /** Index of the first position >= `position`. */
  private indexOf(position: number): number {
    let lo = 0;
    let hi = this.positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.positions[mid]! < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
