/**
 * What the benchmark run and the smoke test share: the random cuts, reading the log in pages,
 * timing a series of as-of queries on one implementation, and comparing answers.
 */
import { createHash } from 'node:crypto';
import type { EventStore, RecordedEvent } from '../src/store/event-store.ts';
import type { AsOfQueries, Cut, ObjectiveState, UnitState } from './as-of-queries.ts';
import { dateOfDay, WORKLOAD_START_YEAR, WORKLOAD_YEARS } from './generate.ts';
import { canonicalJson, firstDifference, normaliseObjectives, normaliseUnits } from './normalise.ts';
import { Rng } from './prng.ts';

export type View = 'orgChart' | 'pdo';

/**
 * `count` random cuts: `at` uniform over the 25 years and half a year beyond, `asKnownAt`
 * uniform (to the millisecond) between the first and the last recorded instant plus a day,
 * and the PDO year is the year of `at`.
 */
export function makeCuts(count: number, firstRecordedAt: string, lastRecordedAt: string, seed = 7): Cut[] {
  const rng = new Rng(seed);
  const from = Date.parse(firstRecordedAt);
  const to = Date.parse(lastRecordedAt) + 86_400_000;
  const lastDay = Math.round((Date.UTC(WORKLOAD_START_YEAR + WORKLOAD_YEARS, 5, 30) - Date.UTC(WORKLOAD_START_YEAR, 0, 1)) / 86_400_000);
  return Array.from({ length: count }, () => {
    const at = dateOfDay(rng.int(0, lastDay));
    const asKnownAt = new Date(from + Math.floor(rng.next() * (to - from))).toISOString();
    return { at, asKnownAt, year: Number(at.slice(0, 4)) };
  });
}

/** The whole log, forwards, in pages (the store's readAll with an exclusive start position). */
export async function* readPages(store: EventStore, pageSize = 10_000): AsyncGenerator<RecordedEvent[]> {
  let after = -1;
  for (;;) {
    const page = (await store.readAll({ fromPosition: after, maxCount: pageSize })).filter((e) => e.position > after);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.position;
  }
}

export async function ask(impl: AsOfQueries, view: View, orgId: string, cut: Cut): Promise<UnitState[] | ObjectiveState[]> {
  return view === 'orgChart' ? impl.orgChart(orgId, cut.at, cut.asKnownAt) : impl.pdo(orgId, cut.year, cut.at, cut.asKnownAt);
}

export function normalise(view: View, answer: UnitState[] | ObjectiveState[]): unknown[] {
  return view === 'orgChart' ? normaliseUnits(answer as UnitState[]) : normaliseObjectives(answer as ObjectiveState[]);
}

export function fingerprint(view: View, answer: UnitState[] | ObjectiveState[]): string {
  return createHash('sha1').update(canonicalJson(normalise(view, answer))).digest('hex');
}

export interface Series {
  implementation: string;
  view: View;
  /** Milliseconds per query, in the order of the cuts answered (a prefix of the cuts when time-boxed). */
  latencies: number[];
  /** Fingerprint of the normalised answer to each cut answered. */
  fingerprints: string[];
  /** Number of items (units or objectives) in each answer. */
  sizes: number[];
}

export interface SeriesOptions {
  /** Untimed queries first (JIT warm-up), taken from the same cuts. */
  warmup?: number;
  /** Stop once this much time went on timed queries (at least minSamples are run). */
  budgetMs?: number;
  minSamples?: number;
  /**
   * Fingerprints of the answers: 'inline' hashes each answer right after its timed query (one
   * pass; its garbage is collected during later timed queries, negligible next to a replay's);
   * 'separate' times a first pass and asks every cut again, untimed, to hash the answers, so that
   * the timed queries of fast implementations do not pay for the hashing's garbage; 'none'.
   */
  fingerprints?: 'inline' | 'separate' | 'none';
}

/** Times each query alone with process.hrtime.bigint; normalising and hashing are not timed. */
export async function timeSeries(impl: AsOfQueries, view: View, orgId: string, cuts: readonly Cut[], options: SeriesOptions = {}): Promise<Series> {
  const mode = options.fingerprints ?? 'inline';
  const series: Series = { implementation: impl.name, view, latencies: [], fingerprints: [], sizes: [] };
  for (const cut of cuts.slice(0, options.warmup ?? 0)) await ask(impl, view, orgId, cut);
  let spentMs = 0;
  for (const cut of cuts) {
    if (options.budgetMs !== undefined && spentMs >= options.budgetMs && series.latencies.length >= (options.minSamples ?? 1)) break;
    const started = process.hrtime.bigint();
    const answer = await ask(impl, view, orgId, cut);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    spentMs += ms;
    series.latencies.push(ms);
    series.sizes.push(answer.length);
    if (mode === 'inline') series.fingerprints.push(fingerprint(view, answer));
  }
  if (mode === 'separate') {
    for (const cut of cuts.slice(0, series.latencies.length)) series.fingerprints.push(fingerprint(view, await ask(impl, view, orgId, cut)));
  }
  return series;
}

export interface Disagreement {
  view: View;
  cutIndex: number;
  cut: Cut;
  implementations: [string, string];
  difference: string;
}

/**
 * Compares the answers of two series cut by cut (over the cuts both answered); for the first
 * few that differ, asks both implementations again to describe the difference.
 */
export async function disagreements(a: { impl: AsOfQueries; series: Series }, b: { impl: AsOfQueries; series: Series }, orgId: string, cuts: readonly Cut[], describe = 3): Promise<Disagreement[]> {
  const found: Disagreement[] = [];
  const n = Math.min(a.series.fingerprints.length, b.series.fingerprints.length);
  for (let i = 0; i < n; i++) {
    if (a.series.fingerprints[i] === b.series.fingerprints[i]) continue;
    const cut = cuts[i]!;
    const view = a.series.view;
    let difference = 'answers differ';
    if (found.length < describe) {
      const x = normalise(view, await ask(a.impl, view, orgId, cut));
      const y = normalise(view, await ask(b.impl, view, orgId, cut));
      difference = firstDifference(x, y) ?? 'answers differ only in order';
    }
    found.push({ view, cutIndex: i, cut, implementations: [a.impl.name, b.impl.name], difference });
  }
  return found;
}

export interface LatencySummary {
  samples: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles, in milliseconds. */
export function summarise(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((x, y) => x - y);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
  return {
    samples: sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length),
  };
}
