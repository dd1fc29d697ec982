/**
 * When each applied event was recorded (system time): the global position of every event, and
 * its recordedAt kept once per run of equal instants (the events of one commit share theirs),
 * so a million events cost one number each. Answers "which position was the last known at
 * this instant" and "when was this position recorded", each a binary search. Pure.
 */
import { Float64Column, Int32Column } from './columns.ts';
import { upperBound } from './upper-bound.ts';

export class RecordingTimes {
  private readonly positions = new Float64Column();
  /** Runs of equal recordedAt: the index (into positions) of each run's first event, and its instant. */
  private readonly runStarts = new Int32Column();
  private readonly runInstants: string[] = [];

  /**
   * Records the event and returns the instant kept for it: its recordedAt, or the previous
   * event's if that is later — kept non-decreasing even if a store's clock stepped back, so
   * that look-ups by instant stay a binary search.
   */
  add(position: number, recordedAt: string): string {
    const previous = this.runInstants[this.runInstants.length - 1];
    if (previous === undefined || recordedAt > previous) {
      this.runStarts.push(this.positions.length);
      this.runInstants.push(recordedAt);
    }
    this.positions.push(position);
    return this.runInstants[this.runInstants.length - 1]!;
  }

  /** The last position recorded at or before the instant (ISO-8601, normalised), or -1. */
  positionKnownAt(asKnownAt: string): number {
    const lo = upperBound(this.runInstants, asKnownAt);
    if (lo === 0) return -1;
    const end = lo < this.runInstants.length ? this.runStarts.at(lo) : this.positions.length;
    return this.positions.at(end - 1);
  }

  /** The instant a position was recorded, or undefined for a position never applied. */
  recordedAtOf(position: number): string | undefined {
    const lo = this.positions.lowerBound(position);
    if (lo === this.positions.length || this.positions.at(lo) !== position) return undefined;
    let run = 0;
    let last = this.runInstants.length;
    while (run < last) {
      const mid = (run + last) >>> 1;
      if (this.runStarts.at(mid) <= lo) run = mid + 1;
      else last = mid;
    }
    return this.runInstants[run - 1];
  }
}
