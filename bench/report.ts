/**
 * The benchmark's results: their JSON shape, the targets of the issue checked against them,
 * and the table printed at the end of a run (one column per size, side by side).
 */
import type { AppendFloorComparison } from './append-floor.ts';
import type { WorkloadStats } from './generate.ts';
import type { LatencySummary } from './harness.ts';
import type { AppendBenchmark, LoadStats } from './load.ts';
import type { RebuildResult } from './rebuild-child.ts';
import { restartChecks, type RestartFigures } from './restart.ts';
import { writeChecks } from './write-targets.ts';
import { pgPeerChecks } from './pg-peer-report.ts';
import type { PgPeerResults } from './pg-peer-run.ts';
import type { RelationalBuildStats } from './relational.ts';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  /** Those of the service's V8 flags (src/service-node-flags.ts) the serving process was found running with, not assumed; absent in runs before 2026-11-26 (Node's defaults). */
  nodeFlags?: readonly string[];
  platform: string;
  sqlite: string;
  tmpdir: string;
}

export interface CheckpointStats {
  recorded: number;
  /** Mean JSON size (data + metadata) of those checkpoints. */
  meanBytes: number;
  /** The checkpointer's first start on the loaded store: a fold of the whole log. */
  firstFoldSeconds: number;
}

export interface HttpThroughput {
  concurrency: number;
  seconds: number;
  completed: number;
  ok: number;
  perSecond: number;
  latency: LatencySummary;
  statuses: Record<string, number>;
  /** CPU used during the run, in cores: the server (this process) and the load generator (a child process on the same machine). */
  cores?: { server: number; client: number };
  firstError?: string;
}

export interface ViewResults {
  /** Items per answer (units or objectives). */
  answerSize: { min: number; mean: number; max: number };
  readModels: LatencySummary;
  relational: LatencySummary;
  replayStore: LatencySummary;
  replayMemory: LatencySummary;
  http?: LatencySummary;
  httpThroughput?: HttpThroughput;
  /** How many times faster the read models are (ratio of medians, and of p99s). */
  ratios: {
    vsReplayStore: { p50: number; p99: number };
    vsReplayMemory: { p50: number; p99: number };
    vsRelational: { p50: number; p99: number };
  };
}

export interface AgreementResults {
  /** Cuts compared per pair (implementation vs the read models), per view. */
  compared: Record<string, number>;
  disagreements: { view: string; cutIndex: number; cut: unknown; implementations: [string, string]; difference: string }[];
}

export interface TargetCheck {
  name: string;
  target: string;
  value: string;
  met: boolean | null;
  note?: string;
}

export interface SizeResults {
  schema: 1;
  date: string;
  startedAt: string;
  durationSeconds: number;
  size: string;
  events: number;
  seed: number;
  machine: MachineInfo;
  workload: WorkloadStats;
  append: {
    /** The whole history, store-generated ids, transactions of ~1,000 events or 14 days. */
    load: LoadStats;
    /** The last 10% (at most 50k) of the appends again, with caller ids, into a copy of the full store. */
    batched: AppendBenchmark;
    /** Target 5: the same batched appends against the raw SQLite floor of the same rows (bench/append-floor.ts). */
    floor?: AppendFloorComparison;
    httpMeasurements?: HttpThroughput;
    httpReorganizations?: HttpThroughput;
    /** Integrity checkpoints the service recorded during the HTTP commands (it runs its checkpointer as served). */
    checkpoints?: CheckpointStats;
  };
  rebuild: RebuildResult & { warmInProcessSeconds: number };
  /** Restart of the real service in fresh processes (bench/restart.ts); absent in results before 2026-12-03. */
  restart?: RestartFigures;
  /** Issue 20 targets 2 and 3: the PostgreSQL peer (bench/pg-peer-run.ts); absent in results before 2026-12-03. */
  pgPeer?: PgPeerResults;
  relational: RelationalBuildStats & { plans: Record<string, string[]> };
  queries: { cuts: number; orgChart: ViewResults; pdo: ViewResults };
  agreement: AgreementResults;
  targets: TargetCheck[];
}

const MiB = 1024 * 1024;

export function evaluateTargets(r: SizeResults, baseline10k?: SizeResults, at100k?: SizeResults): TargetCheck[] {
  const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
  const checks: TargetCheck[] = [];
  const add = (name: string, target: string, value: string, met: boolean | null, note?: string) => checks.push({ name, target, value, met, ...(note ? { note } : {}) });
  add('rebuild throughput', '>= 300,000 events/s', `${fmt(r.rebuild.rebuildEventsPerSecond)} events/s`, r.rebuild.rebuildEventsPerSecond >= 300_000);
  add('rebuild vs read-and-parse floor', '<= 2.0x', `${r.rebuild.ratioToFloor.toFixed(2)}x`, r.rebuild.ratioToFloor <= 2);
  add('org chart p99 in-process', '< 5 ms', `${r.queries.orgChart.readModels.p99.toFixed(2)} ms`, r.queries.orgChart.readModels.p99 < 5);
  if (baseline10k && baseline10k !== r) {
    const ratio = r.queries.orgChart.readModels.p99 / baseline10k.queries.orgChart.readModels.p99;
    add('org chart p99 vs 10k (flat)', '<= 1.5x', `${ratio.toFixed(2)}x (${r.queries.orgChart.readModels.p99.toFixed(2)} / ${baseline10k.queries.orgChart.readModels.p99.toFixed(2)} ms)`, ratio <= 1.5, baseline10k.date === r.date ? undefined : `10k figures of ${baseline10k.date}`);
  } else {
    add('org chart p99 vs 10k (flat)', '<= 1.5x', 'n/a', null, 'needs a 10k result');
  }
  for (const view of ['orgChart', 'pdo'] as const) {
    const label = view === 'orgChart' ? 'org chart' : 'PDO';
    const q = r.queries[view];
    add(`${label} vs replay per query`, '>= 100x (p50)', `${fmt(q.ratios.vsReplayStore.p50, 1)}x (in-memory replay: ${fmt(q.ratios.vsReplayMemory.p50, 1)}x)`, q.ratios.vsReplayStore.p50 >= 100);
    add(`${label} vs relational`, '>= 3x (p50)', `${fmt(q.ratios.vsRelational.p50, 1)}x`, q.ratios.vsRelational.p50 >= 3);
  }
  add('batched durable appends (caller ids)', '>= 50,000 events/s', `${fmt(r.append.batched.eventsPerSecond)} events/s (store ids: ${fmt(r.append.load.eventsPerSecond)})`, r.append.batched.eventsPerSecond >= 50_000);
  for (const check of writeChecks(r.append.floor, r.append.httpMeasurements)) add(check.name, check.target, check.value, check.met, check.note);
  add('RSS after rebuild', '< 1 GB', `${fmt(r.rebuild.memoryAfterRebuild.rssBytes / 1e6)} MB (${fmt(r.rebuild.memoryAfterRebuild.rssBytes / MiB)} MiB)`, r.rebuild.memoryAfterRebuild.rssBytes < 1e9);
  for (const check of restartChecks(r.restart, at100k?.restart)) add(check.name, check.target, check.value, check.met, check.note);
  for (const check of pgPeerChecks(r, baseline10k)) add(check.name, check.target, check.value, check.met, check.note);
  add('answers agree (3 implementations)', 'no disagreement', `${r.agreement.disagreements.length} disagreements`, r.agreement.disagreements.length === 0);
  return checks;
}

function ms(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '—';
  if (n >= 100) return n.toFixed(0);
  if (n >= 10) return n.toFixed(1);
  if (n >= 1) return n.toFixed(2);
  return n.toFixed(3);
}

const int = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : Math.round(n).toLocaleString('en-US'));
const ratio = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '—' : `${n >= 10 ? n.toFixed(0) : n.toFixed(1)}x`);

/** The side-by-side table: one row per figure, one column per size. */
export function formatTable(results: SizeResults[]): string {
  const rows: [string, (r: SizeResults) => string][] = [
    ['events', (r) => int(r.events)],
    ['units ever / active at end', (r) => `${int(r.workload.unitsEver)} / ${int(r.workload.activeUnitsAtEnd)}`],
    ['objectives / indicators', (r) => `${int(r.workload.objectives)} / ${int(r.workload.indicators)}`],
    ['backdated events', (r) => int(r.workload.backdated)],
    ['APPEND', () => ''],
    ['  load, store ids (events/s)', (r) => `${int(r.append.load.eventsPerSecond)} (${int(r.append.load.eventsPerTransaction)}/commit)`],
    ['  batches with caller ids, at size (events/s)', (r) => `${int(r.append.batched.eventsPerSecond)} (${int(r.append.batched.events / r.append.batched.transactions)}/commit)`],
    ['    raw SQLite floor, same rows (events/s)', (r) => (r.append.floor ? `${int(r.append.floor.floor.eventsPerSecond)} (port ${r.append.floor.ratio.toFixed(2)}x)` : '—')],
    ['  HTTP measurements, 50 clients (/s)', (r) => int(r.append.httpMeasurements?.perSecond)],
    ['    p50 / p99 (ms)', (r) => (r.append.httpMeasurements ? `${ms(r.append.httpMeasurements.latency.p50)} / ${ms(r.append.httpMeasurements.latency.p99)}` : '—')],
    ['    integrity checkpoints (n / mean kB)', (r) => (r.append.checkpoints ? `${r.append.checkpoints.recorded} / ${int(r.append.checkpoints.meanBytes / 1000)}` : '—')],
    ['    CPU cores: server / load generator', (r) => (r.append.httpMeasurements?.cores ? `${r.append.httpMeasurements.cores.server.toFixed(2)} / ${r.append.httpMeasurements.cores.client.toFixed(2)}` : '—')],
    ['  HTTP reorganisations, 50 clients (/s)', (r) => (r.append.httpReorganizations ? `${int(r.append.httpReorganizations.ok / r.append.httpReorganizations.seconds)} ok, ${int((r.append.httpReorganizations.completed - r.append.httpReorganizations.ok) / r.append.httpReorganizations.seconds)} refused` : '—')],
    ['REBUILD (cold, fresh process)', () => ''],
    ['  read + JSON.parse floor (events/s)', (r) => int(r.rebuild.floorEventsPerSecond)],
    ['  rebuild (events/s)', (r) => int(r.rebuild.rebuildEventsPerSecond)],
    ['  rebuild seconds / ratio to floor', (r) => `${r.rebuild.rebuildSeconds.toFixed(2)} s / ${r.rebuild.ratioToFloor.toFixed(2)}x`],
    ['  restart -> first answer / first start (s)', (r) => (r.restart ? `${r.restart.restart.firstAnswerSeconds.toFixed(2)} / ${r.restart.firstStart.firstAnswerSeconds.toFixed(2)}` : 'not run')],
    ['  RSS / heap used after rebuild (MiB)', (r) => `${int(r.rebuild.memoryAfterRebuild.rssBytes / MiB)} / ${int(r.rebuild.memoryAfterRebuild.heapUsedBytes / MiB)}`],
  ];
  for (const view of ['orgChart', 'pdo'] as const) {
    const name = view === 'orgChart' ? 'ORG CHART (all units)' : 'PDO OF A YEAR';
    rows.push([`${name}, p50 / p99 ms`, (r) => `${int(r.queries[view].answerSize.mean)} items`]);
    const line = (label: string, pick: (r: SizeResults) => LatencySummary | undefined) =>
      rows.push([label, (r) => {
        const s = pick(r);
        return s ? `${ms(s.p50)} / ${ms(s.p99)}${s.samples < r.queries.cuts ? ` (n=${s.samples})` : ''}` : '—';
      }]);
    line('  read models, in-process', (r) => r.queries[view].readModels);
    line('  read models, over HTTP', (r) => r.queries[view].http);
    line('  relational (SQLite + SQL)', (r) => r.queries[view].relational);
    line('  replay, log read per query', (r) => r.queries[view].replayStore);
    line('  replay, log in memory', (r) => r.queries[view].replayMemory);
    rows.push(['  faster than replay (store / memory)', (r) => `${ratio(r.queries[view].ratios.vsReplayStore.p50)} / ${ratio(r.queries[view].ratios.vsReplayMemory.p50)}`]);
    rows.push(['  faster than relational', (r) => ratio(r.queries[view].ratios.vsRelational.p50)]);
    rows.push(['  HTTP requests/s (concurrent clients)', (r) => (r.queries[view].httpThroughput ? `${int(r.queries[view].httpThroughput!.perSecond)} (${r.queries[view].httpThroughput!.concurrency} clients)` : '—')]);
  }
  rows.push(['AGREEMENT (disagreements)', (r) => `${r.agreement.disagreements.length} (${Object.values(r.agreement.compared).reduce((s, n) => s + n, 0)} answers compared)`]);
  const header = ['', ...results.map((r) => r.size)];
  const body = rows.map(([label, cell]) => [label, ...results.map(cell)]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => row[i]!.length)));
  const fmtRow = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [fmtRow(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmtRow)].join('\n');
}

export function formatTargets(r: SizeResults): string {
  const mark = (met: boolean | null) => (met === null ? ' -- ' : met ? ' ok ' : 'MISS');
  return r.targets.map((t) => `[${mark(t.met)}] ${t.name.padEnd(36)} ${t.target.padEnd(20)} ${t.value}${t.note ? `  (${t.note})` : ''}`).join('\n');
}
