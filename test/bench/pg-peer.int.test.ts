/**
 * The benchmark's PostgreSQL peer (issue 20, targets 2 and 3), correctness only: given the
 * seeded 10k workload loaded into the bitemporal PostgreSQL model (daterange / tstzrange, GiST),
 * its prepared queries through the `pg` driver answer every random cut, org chart and PDO, as
 * the service's read models do; the unparsed variant receives the same rows. Runs against a
 * throw-away server (bench/pg-server.ts), or ORGTRAIL_BENCH_PG_URL; skipped, with the reason
 * printed, when neither exists.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadModelQueries, type Cut } from '../../bench/as-of-queries.ts';
import { generateWorkload, WORKLOAD_ORG_ID, type GeneratedCommit } from '../../bench/generate.ts';
import { disagreements, makeCuts, readPages, timeSeries, type View } from '../../bench/harness.ts';
import { loadHistory, SimulatedClock } from '../../bench/load.ts';
import { loadPgPeer, PgQueries, type PgLoadStats } from '../../bench/pg-peer.ts';
import { startTemporaryPostgres, type TemporaryPostgres } from '../../bench/pg-server.ts';
import { RelationalModel } from '../../bench/relational.ts';
import { ReadModels } from '../../projections/read-models.ts';
import { Projector } from '../../src/read/projector.ts';
import { createSqliteEventStore, type SqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';

const SIZE = 10_000;
const CUTS = 30;
const ORG = WORKLOAD_ORG_ID;

const given = process.env.ORGTRAIL_BENCH_PG_URL;
const server = given ? undefined : await startTemporaryPostgres();
const skipped = server !== undefined && 'skipped' in server ? server.skipped : undefined;
if (skipped) console.warn(`[skipped] PostgreSQL peer agreement: ${skipped}`);

describe.skipIf(skipped !== undefined)('PostgreSQL peer at 10k: the same answers as the read models', () => {
  const pgServer = server as TemporaryPostgres | undefined;
  const url = given ?? pgServer?.url ?? '';
  let dir: string;
  let store: SqliteEventStore | undefined;
  let projector: Projector | undefined;
  let peer: PgQueries | undefined;
  let readModels: ReadModelQueries;
  let loaded: PgLoadStats;
  let cuts: Cut[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orgtrail-pg-peer-'));
    const clock = new SimulatedClock();
    const loading = await createSqliteEventStore({ dataDir: join(dir, 'store'), clock: clock.clock });
    const workload = generateWorkload({ size: SIZE });
    const commits = (function* (): Generator<GeneratedCommit> {
      for (let r = workload.next(); !r.done; r = workload.next()) yield r.value;
    })();
    const load = await loadHistory(loading, clock, commits, { validate: false });
    await loading.close();
    store = await createSqliteEventStore({ dataDir: join(dir, 'store') });
    const models = new ReadModels();
    projector = new Projector(store, models);
    await projector.start();
    readModels = new ReadModelQueries(models);
    const built = await RelationalModel.build(join(dir, 'relational.sqlite'), readPages(store));
    built.model.close();
    loaded = await loadPgPeer(url, join(dir, 'relational.sqlite'));
    peer = await PgQueries.connect(url);
    cuts = makeCuts(CUTS, load.firstRecordedAt, load.lastRecordedAt);
  }, 180_000);

  afterAll(async () => {
    await peer?.close();
    await projector?.stop();
    await store?.close();
    pgServer?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('holds the relational model\'s row versions', () => {
    expect(loaded.rows.unit_version).toBeGreaterThan(1_000);
    expect(loaded.rows.measurement).toBeGreaterThan(1_000);
  });

  for (const view of ['orgChart', 'pdo'] as View[]) {
    it(`answers every cut of the ${view} as the read models do`, async () => {
      const mine = await timeSeries(readModels, view, ORG, cuts);
      const theirs = await timeSeries(peer!, view, ORG, cuts);
      expect(theirs.fingerprints).toHaveLength(CUTS);
      expect(await disagreements({ impl: readModels, series: mine }, { impl: peer!, series: theirs }, ORG, cuts)).toEqual([]);
      expect(theirs.sizes).toEqual(mine.sizes);
      expect(mine.sizes.some((n) => n > 0)).toBe(true);
    });
  }

  it('receives, unparsed, the rows the parsed answers are built from', async () => {
    const cut = cuts.find((c) => c.at >= '2010-01-01') ?? cuts[0]!;
    const rows = await peer!.unparsed('orgChart', ORG, cut);
    const units = await peer!.orgChart(ORG, cut.at, cut.asKnownAt);
    expect(rows).toBe(units.length + units.reduce((n, u) => n + u.competencies.length, 0));
  });
});
