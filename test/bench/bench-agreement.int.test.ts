/**
 * Smoke check of the benchmark at 10k events (correctness only, never timings): the seeded
 * workload is valid (every event passes validateEvent and every append is accepted by the
 * service's own deciders, yielding the same events), and the three implementations of the
 * as-of queries — the read models, replay per query, the relational model — give the same
 * answers to the same random cuts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadModelQueries, type AsOfQueries, type Cut } from '../../bench/as-of-queries.ts';
import { DomainChecker } from '../../bench/check-domain.ts';
import { generateWorkload, WORKLOAD_ORG_ID, type GeneratedCommit, type WorkloadStats } from '../../bench/generate.ts';
import { disagreements, makeCuts, readPages, timeSeries, type View } from '../../bench/harness.ts';
import { loadHistory, SimulatedClock, type LoadStats } from '../../bench/load.ts';
import { RelationalModel, RelationalQueries } from '../../bench/relational.ts';
import { MemoryLog, ReplayQueries, StoreLog } from '../../bench/replay.ts';
import { ReadModels } from '../../projections/read-models.ts';
import { Projector } from '../../src/read/projector.ts';
import { createSqliteEventStore, type SqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';

const SIZE = 10_000;
const CUTS = 30;
const ORG = WORKLOAD_ORG_ID;

describe('benchmark at 10k: the workload is valid and all implementations agree', () => {
  let dir: string;
  let store: SqliteEventStore | undefined;
  let projector: Projector | undefined;
  let relational: RelationalQueries | undefined;
  let stats: WorkloadStats;
  let load: LoadStats;
  const checker = new DomainChecker();
  const impls: Record<string, AsOfQueries> = {};
  let cuts: Cut[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orgtrail-bench-smoke-'));
    const clock = new SimulatedClock();
    const loading = await createSqliteEventStore({ dataDir: join(dir, 'store'), clock: clock.clock });
    const workload = generateWorkload({ size: SIZE });
    const commits = (function* (): Generator<GeneratedCommit> {
      for (let r = workload.next(); ; r = workload.next()) {
        if (r.done) return void (stats = r.value);
        yield r.value;
      }
    })();
    load = await loadHistory(loading, clock, commits, { validate: true, checker });
    await loading.close();

    store = await createSqliteEventStore({ dataDir: join(dir, 'store') });
    const models = new ReadModels();
    projector = new Projector(store, models);
    await projector.start();
    const log = new MemoryLog();
    for await (const page of readPages(store)) for (const event of page) log.add(event);
    const built = await RelationalModel.build(join(dir, 'relational.sqlite'), readPages(store));
    built.model.close();
    relational = new RelationalQueries(join(dir, 'relational.sqlite'));
    impls.readModels = new ReadModelQueries(models);
    impls.relational = relational;
    impls.replayMemory = new ReplayQueries('replay, log in memory', log);
    impls.replayStore = new ReplayQueries('replay, log read per query', new StoreLog(store));
    cuts = makeCuts(CUTS, load.firstRecordedAt, load.lastRecordedAt);
  }, 120_000);

  afterAll(async () => {
    relational?.close();
    await projector?.stop();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('generates exactly the requested number of valid events, each append accepted by the deciders', () => {
    expect(stats.events).toBe(SIZE);
    expect(load.events).toBe(SIZE);
    expect(checker.appendsChecked).toBeGreaterThan(1_000);
    expect(stats.activeUnitsAtEnd).toBeGreaterThanOrEqual(950);
    expect(stats.backdated / SIZE).toBeGreaterThan(0.01);
    expect(Object.keys(stats.byType).length).toBeGreaterThanOrEqual(15);
  });

  it('is deterministic: the same seed gives the same history', () => {
    const first = (size: number) => {
      const out: string[] = [];
      for (const commit of generateWorkload({ size })) {
        out.push(JSON.stringify(commit));
        if (out.length === 50) break;
      }
      return out;
    };
    expect(first(SIZE)).toEqual(first(SIZE));
  });

  for (const view of ['orgChart', 'pdo'] as View[]) {
    it(`answers the ${view} the same way in all three implementations at ${CUTS} random cuts`, async () => {
      const mine = { impl: impls.readModels!, series: await timeSeries(impls.readModels!, view, ORG, cuts) };
      expect(mine.series.sizes.filter((n) => n > 0).length).toBeGreaterThan(CUTS / 2);
      for (const key of ['relational', 'replayMemory', 'replayStore']) {
        const other = { impl: impls[key]!, series: await timeSeries(impls[key]!, view, ORG, cuts) };
        expect(other.series.fingerprints).toHaveLength(CUTS);
        expect(await disagreements(mine, other, ORG, cuts)).toEqual([]);
      }
    }, 60_000);
  }
});
