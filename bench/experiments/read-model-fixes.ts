/**
 * Experiment behind the read-model recommendations in bench/README.md: the proposed changes
 * to PdoIndex.pdo and OrgChartIndex.orgChart, written here against the indexes' (private)
 * structures and swapped in at run time — projections/ is not modified — then timed on the
 * same cuts as the originals and checked to give identical answers.
 *
 *   npx tsx bench/experiments/read-model-fixes.ts [--size 1m] [--data-dir DIR]
 *
 * PDO (pdo-index.ts): the original builds the full view of every objective ever defined —
 * indicators, years sorted with localeCompare, revision by filtering all its events — and only
 * then drops those not active or without a statement for the year (about 19 of 20 at 1M).
 *   1. decide first: status, mode and the year's statement are three timeline look-ups; build
 *      the view only for the objectives that are in the PDO;
 *   2. candidates by year: an index year → objectives with a statement timeline for that year,
 *      plus the open-ended ones, maintained in apply (yearOrCreate / ObjectiveDefined);
 *   3. revision: the objective's events are in position order, so a binary search on the
 *      position gives the last one at the cut; drop the years sort (integer-like keys are
 *      enumerated in ascending order by every JS engine anyway) and the flatMap.
 * Org chart (org-chart-index.ts): it visits every unit ever established (2,183 at 1M, 1,010 at
 *   10k), most of them long dissolved.
 *   4. candidates by year: per year, the units that can be active in it, sorted by the position
 *      of the dissolution that rules them out (see indexUnitsByYear), so a cut visits the units
 *      of its year that are not yet known to be dissolved — about the chart's size at any depth
 *      of history.
 *   5. (diagnosis) the same index rebuilt from the org stream alone: its objects then sit
 *      together in the heap — how much is memory locality.
 * (A lazily derived struct-of-arrays Timeline — integer dates in typed arrays — was tried here
 * too and made the org chart slower, 3.1 → 4.3 ms; not proposed.)
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { OrgChartIndex } from '../../projections/org-chart-index.ts';
import { PdoIndex } from '../../projections/pdo-index.ts';
import { ReadModels } from '../../projections/read-models.ts';
import type { Timeline } from '../../projections/timeline.ts';
import type { Cut, EventRef, IndicatorView, ObjectiveView, UnitView } from '../../projections/views.ts';
import { Projector } from '../../src/read/projector.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import { ReadModelQueries } from '../as-of-queries.ts';
import { generateWorkload, parseSize, WORKLOAD_ORG_ID } from '../generate.ts';
import { makeCuts, summarise, timeSeries, type View } from '../harness.ts';
import { loadHistory, SimulatedClock } from '../load.ts';

/** The private shapes of the indexes (see projections/*.ts). */
interface ObjectiveTimelines {
  objectiveId: string;
  status: Timeline<'active' | 'withdrawn'>;
  title: Timeline<string>;
  unitId: Timeline<string>;
  plan: string | null;
  mode: Timeline<'open' | 'yearly'>;
  years: Map<string, Timeline<string | null>>;
  links: Timeline<ObjectiveView['links']>;
  indicatorIds: string[];
  events: EventRef[];
}
interface PdoInternals {
  objectives: Map<string, ObjectiveTimelines>;
  indicatorView(indicatorId: string, cut: Cut): IndicatorView | undefined;
  /** Added by the proposal: year → objectives with a statement timeline for it; open-ended ones. */
  byYear?: Map<string, ObjectiveTimelines[]>;
  open?: ObjectiveTimelines[];
}
interface UnitTimelines {
  unitId: string;
  active: Timeline<boolean>;
}
interface OrgInternals {
  units: Map<string, UnitTimelines>;
  view(unit: UnitTimelines, cut: Cut): UnitView | undefined;
  /** Added by the proposal: year → units active at some date of that year. */
  byYear?: Map<number, UnitTimelines[]>;
}

/** Proposal 3: the revision at the cut, by binary search (events are in position order). */
function revisionAt(events: EventRef[], maxPosition: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.position <= maxPosition) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? -1 : events[lo - 1]!.revision;
}

function objectiveView(pdo: PdoInternals, o: ObjectiveTimelines, cut: Cut, title: string): ObjectiveView {
  const { at, maxPosition } = cut;
  let years: Record<string, string> | null = null;
  if (o.mode.valueAt(at, maxPosition) === 'yearly') {
    years = {};
    for (const [year, timeline] of o.years) {
      const statement = timeline.valueAt(at, maxPosition);
      if (statement) years[year] = statement;
    }
  }
  const indicators: IndicatorView[] = [];
  for (const id of o.indicatorIds) {
    const view = pdo.indicatorView(id, cut);
    if (view) indicators.push(view);
  }
  return {
    objectiveId: o.objectiveId,
    unitId: o.unitId.valueAt(at, maxPosition)!,
    title,
    status: 'active',
    plan: o.plan,
    years,
    links: o.links.valueAt(at, maxPosition) ?? [],
    effectiveFrom: o.status.firstValidFrom(maxPosition)!,
    indicators,
    revision: revisionAt(o.events, maxPosition),
  };
}

/** Proposals 1–3: decide membership with three look-ups, then build only the views in the PDO. */
function fastPdo(this: PdoInternals, year: number, cut: Cut, unitId?: string): ObjectiveView[] {
  const { at, maxPosition } = cut;
  const y = String(year);
  const candidates = this.byYear ? [...(this.byYear.get(y) ?? []), ...(this.open ?? [])] : this.objectives.values();
  const views: ObjectiveView[] = [];
  const seen = new Set<ObjectiveTimelines>();
  for (const o of candidates) {
    if (seen.has(o)) continue;
    seen.add(o);
    if (o.status.valueAt(at, maxPosition) !== 'active') continue;
    let statement: string | undefined;
    if (o.mode.valueAt(at, maxPosition) === 'yearly') statement = o.years.get(y)?.valueAt(at, maxPosition) || undefined;
    else if (year >= Number(o.status.firstValidFrom(maxPosition)!.slice(0, 4))) statement = o.title.valueAt(at, maxPosition);
    if (statement === undefined) continue;
    if (unitId !== undefined && o.unitId.valueAt(at, maxPosition) !== unitId) continue;
    views.push(objectiveView(this, o, cut, statement));
  }
  return views;
}

/** Proposal 2, built once here; in the index it would be kept up to date by apply. */
function indexPdoByYear(pdo: PdoInternals): void {
  pdo.byYear = new Map();
  pdo.open = [];
  for (const o of pdo.objectives.values()) {
    for (const year of o.years.keys()) {
      const list = pdo.byYear.get(year);
      if (list) list.push(o);
      else pdo.byYear.set(year, [o]);
    }
    if (o.mode.versions.some((v) => v.value === 'open')) pdo.open.push(o);
  }
}

/**
 * Proposal 4, built once here (in the index it would be updated whenever a unit's `active`
 * timeline changes): for each year, the units that can be active in it, each with the position
 * from which a known dissolution rules it out for the whole year — a `false` version dated
 * before the year with no `true` version after it up to the year's end (Infinity when none) —
 * sorted by that position. A cut (at, P) visits only the entries ruled out after P.
 */
const LAST_INDEXED_YEAR = 2030;

function indexUnitsByYear(chart: OrgInternals): void {
  chart.byYear = new Map();
  const entries = new Map<number, { unit: UnitTimelines; ruledOutFrom: number }[]>();
  for (const unit of chart.units.values()) {
    const versions = unit.active.versions;
    const trues = versions.filter((v) => v.value);
    if (trues.length === 0) continue;
    const firstYear = Math.min(...trues.map((v) => Number(v.validFrom.slice(0, 4))));
    for (let year = firstYear; year <= LAST_INDEXED_YEAR; year++) {
      const start = `${year}-01-01`;
      const end = `${year}-12-31`;
      let ruledOutFrom = Number.POSITIVE_INFINITY;
      for (const v of versions) {
        if (v.value || v.validFrom >= start) continue;
        const revived = trues.some((t) => t.validFrom <= end && (t.validFrom > v.validFrom || (t.validFrom === v.validFrom && t.position > v.position)));
        if (!revived) ruledOutFrom = Math.min(ruledOutFrom, v.position);
      }
      const list = entries.get(year) ?? entries.set(year, []).get(year)!;
      list.push({ unit, ruledOutFrom });
    }
  }
  for (const [year, list] of entries) {
    list.sort((a, b) => a.ruledOutFrom - b.ruledOutFrom);
    (chart as OrgInternals & { ruledOut: Map<number, number[]> }).ruledOut ??= new Map();
    (chart as OrgInternals & { ruledOut: Map<number, number[]> }).ruledOut.set(year, list.map((e) => e.ruledOutFrom));
    chart.byYear.set(year, list.map((e) => e.unit));
  }
}

function fastOrgChart(this: OrgInternals & { ruledOut?: Map<number, number[]> }, cut: Cut): UnitView[] {
  const year = Number(cut.at.slice(0, 4));
  const units = this.byYear?.get(year);
  const ruledOut = this.ruledOut?.get(year);
  const views: UnitView[] = [];
  if (!units || !ruledOut) {
    for (const unit of this.units.values()) {
      const view = this.view(unit, cut);
      if (view) views.push(view);
    }
    return views;
  }
  let lo = 0;
  let hi = ruledOut.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ruledOut[mid]! <= cut.maxPosition) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < units.length; i++) {
    const view = this.view(units[i]!, cut);
    if (view) views.push(view);
  }
  return views;
}

const { values } = parseArgs({ options: { size: { type: 'string', default: '1m' }, 'data-dir': { type: 'string' } } });
const dataDir = values['data-dir'] ?? join(tmpdir(), `orgtrail-profile-${values.size}`);
if (!existsSync(join(dataDir, 'orgtrail.sqlite'))) {
  console.log(`loading ${values.size} into ${dataDir}`);
  const clock = new SimulatedClock();
  const loading = await createSqliteEventStore({ dataDir, clock: clock.clock });
  await loadHistory(loading, clock, generateWorkload({ size: parseSize(values.size) }));
  await loading.close();
}
const store = await createSqliteEventStore({ dataDir });
const models = new ReadModels();
const projector = new Projector(store, models);
await projector.start();
const [first] = await store.readAll({ maxCount: 1 });
const [last] = await store.readAll({ direction: 'backwards', maxCount: 1 });
const cuts = makeCuts(200, first!.recordedAt, last!.recordedAt);
const queries = new ReadModelQueries(models);
const org = models.org(WORKLOAD_ORG_ID)!;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

const original = { pdo: PdoIndex.prototype.pdo, orgChart: OrgChartIndex.prototype.orgChart };
const baseline: Partial<Record<View, Awaited<ReturnType<typeof timeSeries>>>> = {};
const row = (label: string, s: ReturnType<typeof summarise>) => console.log(`${label.padEnd(46)} p50 ${s.p50.toFixed(3).padStart(8)} ms  p99 ${s.p99.toFixed(3).padStart(8)} ms`);

async function measure(label: string, view: View): Promise<void> {
  gc();
  const series = await timeSeries(queries, view, WORKLOAD_ORG_ID, cuts, { warmup: 20, fingerprints: 'separate' });
  row(label, summarise(series.latencies));
  if (!baseline[view]) baseline[view] = series;
  else {
    const differ = series.fingerprints.filter((f, i) => f !== baseline[view]!.fingerprints[i]).length;
    console.log(`${''.padEnd(46)} ${differ === 0 ? 'same answers as the original at all 200 cuts' : `DIFFERENT answers at ${differ} cuts`}`);
  }
}

console.log(`${values.size}: read models rebuilt`);
await measure('PDO, original', 'pdo');
PdoIndex.prototype.pdo = fastPdo as unknown as typeof PdoIndex.prototype.pdo;
await measure('PDO, 1+3: decide first, revision by search', 'pdo');
indexPdoByYear(org.pdo as unknown as PdoInternals);
await measure('PDO, 1+2+3: and candidates by year', 'pdo');
await measure('org chart, original', 'orgChart');
OrgChartIndex.prototype.orgChart = fastOrgChart as unknown as typeof OrgChartIndex.prototype.orgChart;
indexUnitsByYear(org.chart as unknown as OrgInternals);
await measure('org chart, 4: candidates by year', 'orgChart');
Object.assign(OrgChartIndex.prototype, { orgChart: original.orgChart });

// 5. Locality: the same OrgChartIndex rebuilt from the org stream alone, after the rebuild —
//    its timelines then sit together in the heap instead of among a million PDO objects.
const originalChart = org.chart;
const compact = new OrgChartIndex();
for (const event of await store.readStream(`org-${WORKLOAD_ORG_ID}`)) {
  if (event.type === 'OrgRegistered') continue;
  const metadata = event.metadata as { effectiveFrom: string; recordedBy: string; act: null };
  const ref: EventRef = { eventId: event.id, streamId: event.streamId, revision: event.revision, position: event.position, type: event.type, effectiveFrom: metadata.effectiveFrom, recordedAt: event.recordedAt, recordedBy: metadata.recordedBy, act: metadata.act, provenance: null, data: event.data as Record<string, unknown> };
  compact.apply(event as unknown as Parameters<OrgChartIndex['apply']>[0], ref);
}
(org as { chart: OrgChartIndex }).chart = compact;
await measure('org chart, 5: index rebuilt from the org stream', 'orgChart');
(org as { chart: OrgChartIndex }).chart = originalChart;
Object.assign(PdoIndex.prototype, { pdo: original.pdo });
await projector.stop();
await store.close();
