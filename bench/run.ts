/**
 * `npm run bench -- [--size 10k|100k|1m|all|10k,1m] [options]` — the whole comparison, per size:
 *
 *  1. generate the seeded workload and load it into a fresh embedded store through the port,
 *     in batches (durable group commits; recordedAt from a simulated clock);
 *  2. append the tail of the history again (its last 10%, at most 50k events), with
 *     caller-given ids, into a copy of the full store: the append throughput at that size,
 *     as commands append;
 *  3. cold rebuild in a fresh process: read-and-parse floor, rebuild through the projector,
 *     RSS and heap after it;
 *  4. as-of queries (org chart of all units; PDO of a year) at random cuts, side by side:
 *     the service's read models, the relational baseline, replay per query (log read through
 *     the port each time; and log parsed once in memory), and the read models over HTTP;
 *  5. HTTP: requests/s with concurrent clients; commands/s with 50 clients;
 *  6. answers compared across implementations; targets checked; JSON written to
 *     bench/results/<date>-<size>.json and a table printed at the end.
 *
 * Options: --size (default 100k), --seed N, --cuts N (200), --clients N (50, commands),
 * --query-clients N (8), --http-seconds N (10), --no-http, --check (hold every append to
 * the deciders while loading), --replay-budget S (seconds per replay series, 15),
 * --keep (keep the temp data), --dir PATH (temp data parent), --out DIR (bench/results),
 * --no-write, --cpu-prof-dir DIR (CPU profile of the cold rebuild).
 *
 * `--only sse` runs only the append-to-SSE latency benchmark (bench/sse-latency.ts) instead,
 * with --sse-clients N (100) and --sse-appends N (200); it writes bench/results/<date>-sse.json.
 * `--only deep` runs only the worst case of one backdated command at the structure limits
 * (bench/deep-structure.ts), with --deep-units N (5000) and --deep-dates N (500); it writes
 * bench/results/<date>-deep.json.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ReadModels } from '../projections/read-models.ts';
import type { ObjectiveView, UnitView } from '../projections/views.ts';
import { Checkpointer } from '../src/audit/checkpointer.ts';
import { hashChained } from '../src/audit/hash-chained-store.ts';
import { SYSTEM_STREAMS } from '../events/system-catalogue.ts';
import type { EventStore } from '../src/store/event-store.ts';
import { createTokenService } from '../src/auth/token-service.ts';
import { createCommandService } from '../src/commands/create-command-service.ts';
import { parseConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';
import { Projector } from '../src/read/projector.ts';
import { SERVICE_NODE_FLAGS } from '../src/service-node-flags.ts';
import { createSqliteEventStore } from '../src/store/embedded/sqlite-event-store.ts';
import { ReadModelQueries, type AsOfQueries, type Cut } from './as-of-queries.ts';
import { compareAppendsToFloor } from './append-floor.ts';
import { respawnWithFlags, startChild } from './child.ts';
import { runSseLatency } from './sse-latency.ts';
import { runDeepStructure } from './deep-structure.ts';
import { DomainChecker } from './check-domain.ts';
import { generateWorkload, parseSize, sizeLabel, WORKLOAD_ORG_ID, type WorkloadStats } from './generate.ts';
import { disagreements, fingerprint, makeCuts, readPages, summarise, timeSeries, type Series, type View } from './harness.ts';
import type { ClientRequest, ClientResult } from './http-clients.ts';
import { loadHistory, SimulatedClock } from './load.ts';
import type { RebuildRequest, RebuildResult } from './rebuild-child.ts';
import { measureRestart, type RestartFigures } from './restart.ts';
import { runPgPeer, type PgPeerResults } from './pg-peer-run.ts';
import { RelationalModel, RelationalQueries } from './relational.ts';
import { MemoryLog, ReplayQueries, StoreLog } from './replay.ts';
import { evaluateTargets, formatTable, formatTargets, type AgreementResults, type CheckpointStats, type HttpThroughput, type MachineInfo, type SizeResults, type ViewResults } from './report.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Bootstrap admin token of the benchmark's own server (127.0.0.1 only, gone with the run). */
/** Pause after the forced GC before each timed series (see runSeries). */
const AFTER_GC_PAUSE_MS = 1_000;
const BENCH_TOKEN = `bench-admin-${'0'.repeat(32)}`;
const ORG = WORKLOAD_ORG_ID;

interface RunOptions {
  sizes: number[];
  seed: number;
  cuts: number;
  clients: number;
  queryClients: number;
  httpSeconds: number;
  http: boolean;
  /** The PostgreSQL peer (bench/pg-peer-run.ts): a postgres:// URL, or `auto` for a throw-away local server. */
  pg?: string;
  check: boolean;
  replayBudgetMs: number;
  keep: boolean;
  dir: string;
  out: string;
  write: boolean;
  cpuProfDir: string | undefined;
  only: 'sse' | 'deep' | undefined;
  deepUnits: number;
  deepDates: number;
  sseClients: number;
  sseAppends: number;
}

const DEFAULT_SEED = 20_240_601;
const started = Date.now();
const log = (message: string) => process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);

function parseOptions(): RunOptions {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '100k' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      cuts: { type: 'string', default: '200' },
      clients: { type: 'string', default: '50' },
      'query-clients': { type: 'string', default: '8' },
      'http-seconds': { type: 'string', default: '10' },
      'no-http': { type: 'boolean', default: false },
      pg: { type: 'string' },
      check: { type: 'boolean', default: false },
      'replay-budget': { type: 'string', default: '15' },
      keep: { type: 'boolean', default: false },
      dir: { type: 'string', default: tmpdir() },
      out: { type: 'string', default: join(HERE, 'results') },
      'no-write': { type: 'boolean', default: false },
      'cpu-prof-dir': { type: 'string' },
      only: { type: 'string' },
      'sse-clients': { type: 'string', default: '100' },
      'sse-appends': { type: 'string', default: '200' },
      'deep-units': { type: 'string', default: '5000' },
      'deep-dates': { type: 'string', default: '500' },
    },
    allowPositionals: false,
  });
  const sizes = (values.size === 'all' ? '10k,100k,1m' : values.size).split(',').map(parseSize).sort((a, b) => a - b);
  const int = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new RangeError(`--${name} must be a positive number`);
    return n;
  };
  return {
    sizes,
    seed: int('seed', values.seed),
    cuts: int('cuts', values.cuts),
    clients: int('clients', values.clients),
    queryClients: int('query-clients', values['query-clients']),
    httpSeconds: int('http-seconds', values['http-seconds']),
    http: !values['no-http'],
    ...(values.pg !== undefined ? { pg: values.pg } : {}),
    check: values.check,
    replayBudgetMs: int('replay-budget', values['replay-budget']) * 1000,
    keep: values.keep,
    dir: values.dir,
    out: values.out,
    write: !values['no-write'],
    cpuProfDir: values['cpu-prof-dir'],
    only: values.only === undefined ? undefined : onlyOf(values.only),
    sseClients: int('sse-clients', values['sse-clients']),
    sseAppends: int('sse-appends', values['sse-appends']),
    deepUnits: int('deep-units', values['deep-units']),
    deepDates: int('deep-dates', values['deep-dates']),
  };
}

function onlyOf(value: string): 'sse' | 'deep' {
  if (value !== 'sse' && value !== 'deep') throw new RangeError('--only must be sse or deep');
  return value;
}

function machineInfo(dir: string): MachineInfo {
  const db = new Database(':memory:');
  const sqlite = String(db.prepare('SELECT sqlite_version()').pluck().get());
  db.close();
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryBytes: totalmem(), node: process.version, nodeFlags: SERVICE_NODE_FLAGS.filter((flag) => process.execArgv.includes(flag)), platform: `${process.platform} ${process.arch}`, sqlite, tmpdir: dir };
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

function ratio(other: Series, mine: Series): { p50: number; p99: number } {
  const a = summarise(other.latencies);
  const b = summarise(mine.latencies);
  return { p50: a.p50 / b.p50, p99: a.p99 / b.p99 };
}

/** A load run of the clients child, with the CPU this process (the server) used meanwhile, in cores. */
async function withServerCpu(run: () => Promise<ClientResult>): Promise<ClientResult & { serverCores: number }> {
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const cpu = process.cpuUsage(cpuAtStart);
  return { ...result, serverCores: (cpu.user + cpu.system) / 1000 / (performance.now() - started) };
}

/** The checkpoints appended after revision `before` of the checkpoint stream: how many, and their mean size (data + metadata JSON). */
async function checkpointStats(store: EventStore, before: number | null, firstFoldSeconds: number): Promise<CheckpointStats> {
  const events = await store.readStream(SYSTEM_STREAMS.integrityCheckpoints, { fromRevision: (before ?? -1) + 1 });
  const bytes = events.reduce((sum, e) => sum + JSON.stringify(e.data).length + JSON.stringify(e.metadata).length, 0);
  return { recorded: events.length, meanBytes: events.length === 0 ? 0 : bytes / events.length, firstFoldSeconds };
}

function httpThroughput(result: ClientResult & { serverCores?: number }, concurrency: number): HttpThroughput {
  return {
    concurrency,
    ...(result.serverCores !== undefined && result.clientCores !== undefined ? { cores: { server: result.serverCores, client: result.clientCores } } : {}),
    seconds: result.seconds,
    completed: result.completed,
    ok: result.ok,
    perSecond: result.ok / result.seconds,
    latency: summarise(result.latencies),
    statuses: result.statuses,
    ...(result.firstError ? { firstError: result.firstError } : {}),
  };
}

function urlOf(base: string, view: View, cut: Cut): string {
  const asKnownAt = encodeURIComponent(cut.asKnownAt);
  return view === 'orgChart'
    ? `${base}/api/v1/orgs/${ORG}/org-chart?at=${cut.at}&asKnownAt=${asKnownAt}`
    : `${base}/api/v1/orgs/${ORG}/pdo?year=${cut.year}&at=${cut.at}&asKnownAt=${asKnownAt}`;
}

async function runSize(size: number, options: RunOptions): Promise<SizeResults> {
  const label = sizeLabel(size);
  const startedAt = new Date();
  const root = mkdtempSync(join(options.dir, `orgtrail-bench-${label}-`));
  const storeDir = join(root, 'store');
  log(`size ${label}: data in ${root}`);
  try {
    // 1. Load the history.
    const clock = new SimulatedClock();
    // Through the hash-chaining decorator, as every append of the service is (src/create-orgtrail.ts).
    const loading = hashChained(await createSqliteEventStore({ dataDir: storeDir, clock: clock.clock }));
    const workload = generateWorkload({ size, seed: options.seed });
    let stats: WorkloadStats | undefined;
    const commits = (function* () {
      for (let r = workload.next(); ; r = workload.next()) {
        if (r.done) {
          stats = r.value;
          return;
        }
        yield r.value;
      }
    })();
    const load = await loadHistory(loading, clock, commits, {
      validate: true,
      ...(options.check ? { checker: new DomainChecker() } : {}),
      onProgress: (n) => log(`  loaded ${n.toLocaleString('en-US')} events`),
    });
    await loading.close();
    const workloadStats = stats!;
    log(`  load: ${Math.round(load.eventsPerSecond).toLocaleString('en-US')} events/s in ${load.transactions} transactions${options.check ? ' (every append checked by the deciders)' : ''}`);

    // 2. Appends with caller ids at full size, into a copy of the store, against the raw SQLite floor of the same rows (target 5).
    const tail = Math.min(50_000, Math.round(size / 10));
    const appendFloor = await compareAppendsToFloor(storeDir, root, generateWorkload({ size, seed: options.seed }), size - tail, size);
    const batched = appendFloor.port;
    log(`  appends with caller ids at full size: ${Math.round(batched.eventsPerSecond).toLocaleString('en-US')} events/s (${batched.events} events, ${batched.transactions} transactions), ${appendFloor.ratio.toFixed(2)}x the raw SQLite floor of the same rows (${Math.round(appendFloor.floor.eventsPerSecond).toLocaleString('en-US')} events/s)`);

    // 3. Cold rebuild in a fresh process.
    const childArgs = [...SERVICE_NODE_FLAGS, '--expose-gc', ...(options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [])];
    const rebuildChild = startChild('./rebuild-child.ts', [], childArgs);
    const cold = await rebuildChild.request<RebuildResult>({ dataDir: storeDir } satisfies RebuildRequest);
    await rebuildChild.close();
    log(`  cold rebuild: ${cold.rebuildSeconds.toFixed(2)} s (${Math.round(cold.rebuildEventsPerSecond).toLocaleString('en-US')} events/s), floor ${cold.floorSeconds.toFixed(2)} s, RSS ${Math.round(cold.memoryAfterRebuild.rssBytes / 2 ** 20)} MiB`);

    // 4. The service: store, projector, read models.
    const store = await createSqliteEventStore({ dataDir: storeDir });
    const models = new ReadModels();
    const projector = new Projector(store, models);
    const warmStarted = process.hrtime.bigint();
    await projector.start();
    const warmInProcessSeconds = Number(process.hrtime.bigint() - warmStarted) / 1e9;
    // 3b. Restart of the real service in fresh processes (bench/restart.ts), against these models' answer.
    const restartCut = { at: load.lastRecordedAt.slice(0, 10), asKnownAt: load.lastRecordedAt };
    const restart: RestartFigures = await measureRestart(storeDir, root, size, restartCut, fingerprint('orgChart', new ReadModelQueries(models).orgChart(ORG, restartCut.at, restartCut.asKnownAt)), log);
    const cuts = makeCuts(options.cuts, load.firstRecordedAt, load.lastRecordedAt, options.seed);
    const warmup = Math.min(20, cuts.length);
    const views: View[] = ['orgChart', 'pdo'];
    const series: Record<string, Partial<Record<View, Series>>> = {};
    const impls: Record<string, AsOfQueries> = {};
    const runSeries = async (key: string, impl: AsOfQueries, budgetMs?: number) => {
      impls[key] = impl;
      series[key] = {};
      for (const view of views) {
        gc();
        // V8 sweeps the heap on background threads after a full GC; on two cores they preempt
        // the timed queries (4–8 ms stalls at 1M): the forced GC's aftermath is not the query's.
        await new Promise((resolve) => setTimeout(resolve, AFTER_GC_PAUSE_MS));
        series[key][view] = await timeSeries(impl, view, ORG, cuts, budgetMs === undefined ? { warmup, fingerprints: 'separate' } : { warmup: 2, budgetMs, minSamples: 5 });
        const s = summarise(series[key][view].latencies);
        log(`  ${impl.name.padEnd(28)} ${view.padEnd(8)} p50 ${s.p50.toFixed(3)} ms  p99 ${s.p99.toFixed(3)} ms  (n=${s.samples})`);
      }
    };
    await runSeries('readModels', new ReadModelQueries(models));

    // Relational baseline.
    const relationalFile = join(root, 'relational.sqlite');
    const built = await RelationalModel.build(relationalFile, readPages(store));
    built.model.close();
    const relational = new RelationalQueries(relationalFile);
    const relationalStats = { ...built.stats, fileBytes: statSync(relationalFile).size, plans: relational.plans() };
    log(`  relational model built in ${(built.stats.buildMs / 1000).toFixed(1)} s`);
    await runSeries('relational', relational);

    // 5. HTTP.
    let httpSeries: Partial<Record<View, ClientResult>> = {};
    const httpLoad: Partial<Record<View, HttpThroughput>> = {};
    let httpMeasurements: HttpThroughput | undefined;
    let httpReorganizations: HttpThroughput | undefined;
    let checkpoints: CheckpointStats | undefined;
    let httpCompared = 0;
    const httpDisagreements: AgreementResults['disagreements'] = [];
    let pgPeer: PgPeerResults | undefined;
    if (options.pg !== undefined && !options.http) {
      pgPeer = await runPgPeer({ pg: options.pg, orgId: ORG, relationalFile, cuts, warmup, readModels: { impl: impls.readModels!, series: series.readModels! }, log });
    }
    if (options.pg === undefined) log('  PostgreSQL peer skipped: no --pg <url> (or --pg auto) given');
    if (options.http) {
      // The service's HTTP stack as served (auth, limits; rate limit off: 50 clients share one address).
      const config = parseConfig({ ORGTRAIL_SEED: 'none', ORGTRAIL_ADMIN_TOKEN: BENCH_TOKEN, ORGTRAIL_RATE_LIMIT: '0' });
      const chained = hashChained(store);
      const commands = createCommandService({ store: chained, projector, clock: () => new Date() });
      const tokens = createTokenService({ store: chained, adminToken: config.adminToken });
      const appDeps = { store: chained, projector, commands, clock: () => new Date(), tokens, security: config.security };
      const app = buildApp(appDeps);
      const server = await new Promise<Server>((resolve, reject) => {
        const s = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
      });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const clients = startChild('./http-clients.ts');
      // The service as served records integrity checkpoints (every ORGTRAIL_CHECKPOINT_EVERY
      // events): their cost belongs to the commands'. Its first start folds the whole log.
      const checkpointer = new Checkpointer({ store: chained, everyEvents: config.audit.checkpointEveryEvents, intervalMs: 0 });
      const foldStarted = performance.now();
      await checkpointer.start();
      const firstFoldSeconds = (performance.now() - foldStarted) / 1000;
      const checkpointsBefore = await store.streamRevision(SYSTEM_STREAMS.integrityCheckpoints);
      log(`  checkpointer started in ${firstFoldSeconds.toFixed(1)} s (first fold of the log)`);
      try {
        for (const view of views) {
          for (const [i, cut] of cuts.slice(0, 10).entries()) {
            const body = (await (await fetch(urlOf(base, view, cut))).json()) as { units?: UnitView[]; objectives?: ObjectiveView[] };
            const answer = (view === 'orgChart' ? body.units : body.objectives) ?? [];
            httpCompared += 1;
            if (fingerprint(view, answer) !== series.readModels![view]!.fingerprints[i]) {
              httpDisagreements.push({ view, cutIndex: i, cut, implementations: ['read models', 'HTTP'], difference: 'HTTP answer differs from the in-process one' });
            }
          }
          const urls = cuts.map((cut) => urlOf(base, view, cut));
          await clients.request<ClientResult>({ kind: 'sequential', urls: urls.slice(0, warmup) } satisfies ClientRequest);
          const sequential = await clients.request<ClientResult>({ kind: 'sequential', urls } satisfies ClientRequest);
          httpSeries = { ...httpSeries, [view]: sequential };
          const s = summarise(sequential.latencies);
          log(`  ${'read models over HTTP'.padEnd(28)} ${view.padEnd(8)} p50 ${s.p50.toFixed(3)} ms  p99 ${s.p99.toFixed(3)} ms  (n=${s.samples}, ${sequential.ok} ok)`);
          const loadResult = await clients.request<ClientResult>({ kind: 'load', urls, concurrency: options.queryClients, durationMs: (options.httpSeconds * 1000) / 2, warmupMs: 500 } satisfies ClientRequest);
          httpLoad[view] = httpThroughput(loadResult, options.queryClients);
          log(`  HTTP ${view} with ${options.queryClients} clients: ${Math.round(httpLoad[view].perSecond)} requests/s`);
        }
        if (options.pg !== undefined) {
          pgPeer = await runPgPeer({ pg: options.pg, orgId: ORG, relationalFile, cuts, warmup, readModels: { impl: impls.readModels!, series: series.readModels! }, http: { deps: appDeps, baseUrl: base, clients, urlOf }, log });
        }
        const endDate = '2024-12-31';
        const maxPosition = models.position;
        const org = models.org(ORG)!;
        const indicatorIds = org.pdo.pdo(2024, { at: endDate, maxPosition }).flatMap((o) => o.indicators.map((i) => i.indicatorId));
        const unitIds = org.chart.orgChart({ at: endDate, maxPosition }).map((u) => u.unitId);
        const measurements = await withServerCpu(() => clients.request<ClientResult>({
          kind: 'commands', command: 'measurement', baseUrl: base, token: BENCH_TOKEN, orgId: ORG, targetIds: indicatorIds, effectiveFrom: endDate,
          concurrency: options.clients, durationMs: options.httpSeconds * 1000, warmupMs: 1000,
        } satisfies ClientRequest));
        httpMeasurements = httpThroughput(measurements, options.clients);
        log(`  HTTP measurements with ${options.clients} clients: ${Math.round(httpMeasurements.perSecond)} commands/s (p99 ${httpMeasurements.latency.p99.toFixed(1)} ms) ${JSON.stringify(measurements.statuses)}`);
        const reorganizations = await withServerCpu(() => clients.request<ClientResult>({
          kind: 'commands', command: 'reorganization', baseUrl: base, token: BENCH_TOKEN, orgId: ORG, targetIds: unitIds, effectiveFrom: endDate,
          concurrency: options.clients, durationMs: (options.httpSeconds * 1000) / 2, warmupMs: 500,
        } satisfies ClientRequest));
        httpReorganizations = httpThroughput(reorganizations, options.clients);
        log(`  HTTP reorganisations with ${options.clients} clients: ${Math.round(httpReorganizations.perSecond)} ok/s ${JSON.stringify(reorganizations.statuses)}`);
        await checkpointer.settled();
        checkpoints = await checkpointStats(store, checkpointsBefore, firstFoldSeconds);
        log(`  integrity checkpoints during the HTTP commands: ${checkpoints.recorded}, mean ${Math.round(checkpoints.meanBytes / 1000)} kB`);
      } finally {
        await checkpointer.stop();
        await clients.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
    }
    await projector.stop();

    // Replay baselines (last: they make the most garbage).
    const memoryLog = new MemoryLog();
    for await (const page of readPages(store)) for (const event of page) memoryLog.add(event);
    await runSeries('replayMemory', new ReplayQueries('replay, log in memory', memoryLog), options.replayBudgetMs);
    await runSeries('replayStore', new ReplayQueries('replay, log read per query', new StoreLog(store)), options.replayBudgetMs);
    relational.close();
    await store.close();

    // 6. Agreement, figures, targets.
    const agreement: AgreementResults = { compared: {}, disagreements: [...httpDisagreements] };
    if (options.http) agreement.compared['read models vs HTTP'] = httpCompared;
    for (const key of ['relational', 'replayMemory', 'replayStore']) {
      for (const view of views) {
        const mine = series.readModels![view]!;
        const other = series[key]![view]!;
        agreement.compared[`read models vs ${impls[key]!.name} (${view})`] = Math.min(mine.fingerprints.length, other.fingerprints.length);
        agreement.disagreements.push(...(await disagreements({ impl: impls.readModels!, series: mine }, { impl: impls[key]!, series: other }, ORG, cuts)));
      }
    }
    if (agreement.disagreements.length > 0) log(`  DISAGREEMENTS: ${agreement.disagreements.length}; first: ${JSON.stringify(agreement.disagreements[0])}`);
    const viewResults = (view: View): ViewResults => {
      const mine = series.readModels![view]!;
      const sizes = mine.sizes;
      return {
        answerSize: { min: Math.min(...sizes), mean: sizes.reduce((s, n) => s + n, 0) / sizes.length, max: Math.max(...sizes) },
        readModels: summarise(mine.latencies),
        relational: summarise(series.relational![view]!.latencies),
        replayStore: summarise(series.replayStore![view]!.latencies),
        replayMemory: summarise(series.replayMemory![view]!.latencies),
        ...(httpSeries[view] ? { http: summarise(httpSeries[view].latencies) } : {}),
        ...(httpLoad[view] ? { httpThroughput: httpLoad[view] } : {}),
        ratios: {
          vsReplayStore: ratio(series.replayStore![view]!, mine),
          vsReplayMemory: ratio(series.replayMemory![view]!, mine),
          vsRelational: ratio(series.relational![view]!, mine),
        },
      };
    };
    const result: SizeResults = {
      schema: 1,
      date: startedAt.toISOString().slice(0, 10),
      startedAt: startedAt.toISOString(),
      durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
      size: label,
      events: size,
      seed: options.seed,
      machine: machineInfo(options.dir),
      workload: workloadStats,
      append: {
        load,
        batched,
        floor: appendFloor,
        ...(httpMeasurements ? { httpMeasurements } : {}),
        ...(httpReorganizations ? { httpReorganizations } : {}),
        ...(checkpoints ? { checkpoints } : {}),
      },
      rebuild: { ...cold, warmInProcessSeconds },
      restart,
      pgPeer: pgPeer ?? { skipped: 'no --pg <url> (or --pg auto) given' },
      relational: relationalStats,
      queries: { cuts: cuts.length, orgChart: viewResults('orgChart'), pdo: viewResults('pdo') },
      agreement,
      targets: [],
    };
    log(`size ${label} done in ${result.durationSeconds.toFixed(0)} s`);
    return result;
  } finally {
    if (options.keep) log(`  kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

/** The latest 10k results in the results folder, for the flatness check of a run without 10k. */
function latest10k(out: string): SizeResults | undefined {
  if (!existsSync(out)) return undefined;
  const file = readdirSync(out).filter((f) => /^\d{4}-\d{2}-\d{2}-10k\.json$/.test(f)).sort().pop();
  return file ? (JSON.parse(readFileSync(join(out, file), 'utf8')) as SizeResults) : undefined;
}

async function main(): Promise<void> {
  // The service's V8 flags (the HTTP phase serves from this process), forced GCs between series, room for 1M.
  respawnWithFlags(import.meta.url, [...SERVICE_NODE_FLAGS, '--expose-gc', '--max-old-space-size=12288']);
  const options = parseOptions();
  if (options.only === 'sse') {
    await runSseLatency({ clients: options.sseClients, appends: options.sseAppends, out: options.out, write: options.write, log });
    return;
  }
  if (options.only === 'deep') {
    await runDeepStructure({ units: options.deepUnits, dates: options.deepDates, out: options.out, write: options.write, log });
    return;
  }
  log(`sizes ${options.sizes.map(sizeLabel).join(', ')}; ${options.cuts} cuts; seed ${options.seed}; ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})`);
  const results: SizeResults[] = [];
  for (const size of options.sizes) {
    const result = await runSize(size, options);
    const baseline = results.find((r) => r.size === '10k') ?? (result.size === '10k' ? result : latest10k(options.out));
    result.targets = evaluateTargets(result, baseline, results.find((r) => r.size === '100k'));
    results.push(result);
    if (options.write) {
      mkdirSync(options.out, { recursive: true });
      const file = join(options.out, `${result.date}-${result.size}.json`);
      writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      log(`wrote ${file}`);
    }
  }
  const machine = results[0]!.machine;
  process.stdout.write(`\norgtrail benchmark — ${machine.cpus} × ${machine.cpuModel}, ${Math.round(machine.memoryBytes / 2 ** 30)} GiB, Node ${machine.node} ${machine.nodeFlags?.join(' ') ?? ''}, SQLite ${machine.sqlite}\n\n`);
  process.stdout.write(`${formatTable(results)}\n`);
  for (const result of results) process.stdout.write(`\nTargets at ${result.size} (the issue sets them at 1M):\n${formatTargets(result)}\n`);
  if (results.some((r) => r.agreement.disagreements.length > 0)) process.exitCode = 1;
}

await main();
