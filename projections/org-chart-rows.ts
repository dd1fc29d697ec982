/**
 * Bitemporal state rows of an org chart: each unit's whole view (name, kind, parent, head,
 * competencies held) over a rectangle of valid time × knowledge,
 *   [dayFrom, dayTo) × [posFrom, posTo)   (day keys, see day-key.ts; global positions),
 * so that the chart at a cut is the views of the rows containing the point (day, maxPosition).
 *
 * Guarantees:
 * - For every unit and every point, at most one row contains it, and it carries exactly the
 *   view the unit's timelines give there (OrgChartIndex.unit); no row where the unit is not
 *   active. Rows are only ever added or closed (posTo set) at the position being applied,
 *   which is after every earlier one, so answers as known before it never change.
 * - A query touches only the rows of one grid cell: valid quarter × block of BLOCK_EVENTS org
 *   events. A cell holds the rows overlapping that quarter and alive during that block, so its
 *   size follows the units active in one quarter plus one block's churn — not the length of the
 *   history. Views are frozen and shared between rows and answers. (Quarters rather than years:
 *   at 1M events a year's cell held ~1,900 rows against ~1,300 at 10k, because the denser
 *   history changes more units within a year; quarters halve the 1M query for ~65 MiB more grid.)
 */
import { sameEvidence } from './evidence.ts';
import type { UnitView } from './views.ts';
import { upperBound } from './upper-bound.ts';

/** Org events per knowledge block of the grid, by default: a cell's churn against the grid's memory. */
const BLOCK_EVENTS = 500;
const OPEN = Number.POSITIVE_INFINITY;
/** An open bound (dayTo, rankTo) in the packed row bounds. */
const OPEN_BOUND = 0x7fffffff;

export interface Segment {
  dayFrom: number;
  dayTo: number;
  view: UnitView;
}

/**
 * Rows are numbered; their bounds are packed four to a row in one Int32Array (dayFrom, dayTo,
 * rankFrom, rankTo — ranks index the org's event positions; OPEN_BOUND when open) and cells
 * are Int32 lists of row numbers, so a query reads one cache line per row instead of chasing
 * row objects, and the grid costs 4 bytes per entry.
 */
export class OrgChartRows {
  private readonly bounds = new IntList();
  private readonly unitOf: number[] = [];
  private readonly views: UnitView[] = [];
  /** Positions of the org's events, ascending: the knowledge axis (rank = index here). */
  private readonly positions: number[] = [];
  /** Rows still believed (rankTo open), per unit index, ordered by dayFrom. */
  private readonly current: number[][] = [];
  /** Every row whose dayTo is open, believed or not (they are registered up to the horizon period). */
  private readonly openEnded: number[] = [];
  private readonly cells = new Map<number, IntList>();
  private horizonPeriod = Number.NEGATIVE_INFINITY;
  private rowOfUnit = new Int32Array(0);
  private unitCount = 0;

  constructor(private readonly blockEvents = BLOCK_EVENTS) {}

  /** Notes the org event at `position`; call before `replace` for the changes it makes. */
  advance(position: number): void {
    this.positions.push(position);
    const rank = this.positions.length - 1;
    if (rank === 0 || rank % this.blockEvents !== 0) return;
    const block = rank / this.blockEvents;
    for (const rows of this.current) for (const row of rows ?? []) this.register(row, block, block);
  }

  /** Earliest dayFrom among the unit's current rows that end after `day` (or `day` itself). */
  startOfChangeFrom(unitIndex: number, day: number): number {
    let from = day;
    for (const row of this.current[unitIndex] ?? []) if (this.dayTo(row) > day && this.dayFrom(row) < from) from = this.dayFrom(row);
    return from;
  }

  /**
   * The unit's views from `fromDay` on, as now known, are `segments` (ascending, disjoint, all
   * with dayFrom >= fromDay, which must be <= the dayFrom of every current row ending after it:
   * see `startOfChangeFrom`). Rows that differ are closed at the current event; new ones are
   * believed from it.
   */
  replace(unitIndex: number, fromDay: number, segments: readonly Segment[]): void {
    this.unitCount = Math.max(this.unitCount, unitIndex + 1);
    const rank = this.positions.length - 1;
    const kept: number[] = [];
    const unmatched = new Set(segments);
    for (const row of this.current[unitIndex] ?? []) {
      if (this.dayTo(row) <= fromDay) {
        kept.push(row);
        continue;
      }
      const same = segments.find((s) => s.dayFrom === this.dayFrom(row) && s.dayTo === this.dayTo(row) && sameUnitView(s.view, this.views[row]!));
      if (same && unmatched.delete(same)) kept.push(row);
      else this.bounds.set(row * 4 + 3, rank);
    }
    for (const segment of unmatched) {
      const row = this.views.length;
      Object.freeze(segment.view.competencies);
      this.views.push(Object.freeze(segment.view));
      this.unitOf.push(unitIndex);
      this.bounds.push4(segment.dayFrom, segment.dayTo === OPEN ? OPEN_BOUND : segment.dayTo, rank, OPEN_BOUND);
      this.extendHorizon(periodOf(segment.dayFrom));
      if (segment.dayTo === OPEN) this.openEnded.push(row);
      this.register(row, this.openBlock(), this.openBlock());
      kept.push(row);
    }
    kept.sort((a, b) => this.dayFrom(a) - this.dayFrom(b));
    this.current[unitIndex] = kept;
  }

  /**
   * Views of the rows containing (day, maxPosition), in unit order. Allocates only the answer
   * array (the unit-order scratch is reused), so that queries leave little for the young-generation
   * collector, whose pauses are what a query's p99 otherwise measures.
   */
  viewsAt(day: number, maxPosition: number): UnitView[] {
    const rank = upperBound(this.positions, maxPosition) - 1;
    const period = Math.min(periodOf(day), this.horizonPeriod);
    const cell = rank < 0 ? undefined : this.cells.get(cellKey(period, Math.floor(rank / this.blockEvents)));
    if (!cell) return [];
    const bounds = this.bounds.data;
    const rows = cell.data;
    const rowOfUnit = this.scratch();
    let found = 0;
    for (let i = 0; i < cell.length; i++) {
      const row = rows[i]!;
      const at = row * 4;
      if (bounds[at]! <= day && bounds[at + 1]! > day && bounds[at + 2]! <= rank && bounds[at + 3]! > rank) {
        rowOfUnit[this.unitOf[row]!] = row;
        found += 1;
      }
    }
    const answer: UnitView[] = new Array(found);
    let next = 0;
    for (let unit = 0; unit < this.unitCount && next < found; unit++) {
      const row = rowOfUnit[unit]!;
      if (row < 0) continue;
      answer[next++] = this.views[row]!;
      rowOfUnit[unit] = -1;
    }
    return answer;
  }

  /** The unit-order scratch of viewsAt: one slot per unit, every slot -1 between queries. */
  private scratch(): Int32Array {
    if (this.rowOfUnit.length < this.unitCount) this.rowOfUnit = new Int32Array(Math.max(this.unitCount, this.rowOfUnit.length * 2)).fill(-1);
    return this.rowOfUnit;
  }

  private dayFrom(row: number): number {
    return this.bounds.data[row * 4]!;
  }

  private dayTo(row: number): number {
    const dayTo = this.bounds.data[row * 4 + 1]!;
    return dayTo === OPEN_BOUND ? OPEN : dayTo;
  }

  private openBlock(): number {
    return Math.floor((this.positions.length - 1) / this.blockEvents);
  }

  /** Adds the row to every cell of its periods (up to the horizon) in blocks firstBlock..lastBlock. */
  private register(row: number, firstBlock: number, lastBlock: number, firstPeriod = periodOf(this.dayFrom(row))): void {
    const dayTo = this.dayTo(row);
    const lastPeriod = dayTo === OPEN ? this.horizonPeriod : periodBefore(dayTo);
    for (let period = firstPeriod; period <= lastPeriod; period++) {
      for (let block = firstBlock; block <= lastBlock; block++) {
        const key = cellKey(period, block);
        const cell = this.cells.get(key);
        if (cell) cell.push(row);
        else this.cells.set(key, IntList.of(row));
      }
    }
  }

  /** Open-ended rows reach every period up to the horizon; a later period extends them. */
  private extendHorizon(period: number): void {
    if (period <= this.horizonPeriod) return;
    const from = this.horizonPeriod + 1;
    this.horizonPeriod = period;
    if (!Number.isFinite(from)) return;
    for (const row of this.openEnded) {
      const rankTo = this.bounds.data[row * 4 + 3]!;
      const lastBlock = rankTo === OPEN_BOUND ? this.openBlock() : Math.floor((rankTo - 1) / this.blockEvents);
      this.register(row, Math.floor(this.bounds.data[row * 4 + 2]! / this.blockEvents), lastBlock, Math.max(from, periodOf(this.dayFrom(row))));
    }
  }
}

/** A growable list of int32. */
class IntList {
  data = new Int32Array(16);
  length = 0;

  static of(value: number): IntList {
    const list = new IntList();
    list.push(value);
    return list;
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }

  push4(a: number, b: number, c: number, d: number): void {
    while (this.length + 4 > this.data.length) this.grow();
    this.data.set([a, b, c, d], this.length);
    this.length += 4;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  private grow(): void {
    const grown = new Int32Array(this.data.length * 2);
    grown.set(this.data);
    this.data = grown;
  }
}

function cellKey(period: number, block: number): number {
  return period * 1_000_000 + block;
}

/** Valid-time periods of the grid: quarters, numbered consecutively (year × 4 + quarter), of a day key (yyyymmdd). */
export function periodOf(day: number): number {
  const year = Math.floor(day / 10_000);
  const month = Math.floor(day / 100) % 100;
  return year * 4 + Math.floor((month - 1) / 3);
}

/** The period of the day before `day` (a row holds until the day before its dayTo): one earlier when `day` opens its quarter. */
export function periodBefore(day: number): number {
  const opensQuarter = day % 100 === 1 && (Math.floor(day / 100) % 100) % 3 === 1;
  return periodOf(day) - (opensQuarter ? 1 : 0);
}

/** Whether two views show the same unit state (field by field). */
export function sameUnitView(a: UnitView, b: UnitView): boolean {
  if (a === b) return true;
  if (a.name !== b.name || a.kind !== b.kind || a.parentId !== b.parentId || a.competencies.length !== b.competencies.length) return false;
  if ((a.head?.person ?? null) !== (b.head?.person ?? null) || (a.head?.title ?? null) !== (b.head?.title ?? null) || (a.head === null) !== (b.head === null)) return false;
  if (a.head && b.head && !sameEvidence(a.head.evidence, b.head.evidence)) return false;
  if (!sameEvidence(a.evidence, b.evidence)) return false;
  return a.competencies.every((c, i) => c.competencyId === b.competencies[i]!.competencyId && c.text === b.competencies[i]!.text && sameEvidence(c.evidence, b.competencies[i]!.evidence));
}
