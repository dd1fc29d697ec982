/**
 * The one query interface every implementation in the benchmark answers, so that the same
 * queries can be timed side by side and their answers compared for equality:
 *
 * - ReadModelQueries (here): the service's read models, as the HTTP API uses them —
 *   asKnownAt → position by binary search (positionKnownAt), then the temporal indexes;
 * - ReplayQueries (replay.ts): the naive event-sourcing way, a fold of the log per query;
 * - RelationalQueries (relational.ts): a bitemporal relational model in SQLite, queried with SQL.
 *
 * Cut semantics (docs/architecture.md, "Two times"): the events recorded at or before `asKnownAt` whose
 * effective date is on or before `at`, applied in (effective date, position) order.
 */
import type { ReadModels } from '../projections/read-models.ts';
import type { Head, IndicatorView, ObjectiveView, UnitView } from '../projections/views.ts';

/**
 * A unit's state as every implementation answers it: the read models' UnitView without its
 * evidence (how each fact is known is the read models' own, checked by the evidence tests;
 * the oracles here check the state).
 */
export type UnitState = Omit<UnitView, 'evidence' | 'head' | 'competencies'> & { head: Head | null; competencies: { competencyId: string; text: string }[] };
export type IndicatorState = Omit<IndicatorView, 'evidence' | 'latest'> & { latest: { value: number; measuredAt: string } | null };
export type ObjectiveState = Omit<ObjectiveView, 'evidence' | 'titleEvidence' | 'yearsEvidence' | 'indicators'> & { indicators: IndicatorState[] };

export interface AsOfQueries {
  readonly name: string;
  /** Units active on `at`, as known at `asKnownAt` (an ISO-8601 UTC instant with milliseconds). */
  orgChart(orgId: string, at: string, asKnownAt: string): UnitState[] | Promise<UnitState[]>;
  /** The objectives of plan year `year` as they stood on `at`, as known at `asKnownAt`. */
  pdo(orgId: string, year: number, at: string, asKnownAt: string): ObjectiveState[] | Promise<ObjectiveState[]>;
}

export class ReadModelQueries implements AsOfQueries {
  readonly name = 'read models';

  constructor(private readonly models: ReadModels) {}

  orgChart(orgId: string, at: string, asKnownAt: string): UnitView[] {
    const maxPosition = this.models.positionKnownAt(asKnownAt);
    return this.models.org(orgId, maxPosition)?.chart.orgChart({ at, maxPosition }) ?? [];
  }

  pdo(orgId: string, year: number, at: string, asKnownAt: string): ObjectiveView[] {
    const maxPosition = this.models.positionKnownAt(asKnownAt);
    return this.models.org(orgId, maxPosition)?.pdo.pdo(year, { at, maxPosition }) ?? [];
  }
}

/** One as-of query: a valid-time date, a system-time instant and, for the PDO, the plan year. */
export interface Cut {
  at: string;
  asKnownAt: string;
  year: number;
}
