/**
 * Experiment behind the append recommendations in bench/README.md: the embedded store's own
 * append path (prepareAppendRequest → GroupCommitQueue → appendToStream → events table),
 * assembled here on a connection opened by openEventDatabase, with extra PRAGMAs applied
 * after it, to measure what each would change. The store's files are not modified.
 *
 *   npx tsx bench/experiments/append-pragmas.ts [size=1m] [batchEvents=1000] [variant=baseline|query|query+cache+checkpoint|cache|index|index+cache|index+cache+checkpoint|...|all]
 *
 * `tail` mode measures the service's real append path at size instead, as `npm run bench` does
 * for "batches with caller ids": the last 10% of the workload (at most 50k events), with their
 * generated ids, appended in transactions of about `batchEvents` events into a copy of an
 * existing store (built by `npm run bench -- --keep` or bench/profile.ts; the file itself is never
 * written). Variants, run one after the other on fresh copies, in the order given:
 * `chained` (hashChained over the embedded store, as the service and the bench append) and
 * `bare` (the embedded store without the hash chain).
 *
 *   npx tsx bench/experiments/append-pragmas.ts tail <orgtrail.sqlite> [size=1m] [batchEvents=1000] [variants=chained,bare]
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashChained } from '../../src/audit/hash-chained-store.ts';
import { prepareAppendRequest } from '../../src/store/embedded/append-to-stream.ts';
import { createEventTable } from '../../src/store/embedded/event-table.ts';
import { GroupCommitQueue } from '../../src/store/embedded/group-commit.ts';
import { openEventDatabase } from '../../src/store/embedded/open-event-database.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { generateWorkload, parseSize, type GeneratedAppend } from '../generate.ts';
import { benchmarkTailAppends } from '../load.ts';

/**
 * `index`: the idempotency look-up `SELECT revision FROM events WHERE stream_id = ? AND event_id = ?
 * ORDER BY revision LIMIT 1` is planned on the UNIQUE (stream_id, revision) index, because it
 * also gives the ORDER BY: it walks every event of the stream, and appendToStream runs it for
 * every event of an append (findPriorAppend), so an append of k events to a stream of n costs
 * k·n row look-ups — quadratic for the org stream. With (stream_id, event_id, revision) the
 * same statement is one index seek.
 */
const FIX_INDEX = [
  'DROP INDEX events_by_stream_event_id',
  'CREATE INDEX events_by_stream_event_id ON events (stream_id, event_id, revision)',
];

/**
 * `query`: the same look-up without ORDER BY (ids are unique within a stream): planned on
 * events_by_stream_event_id, no schema change. Applied in event-table.ts since; the variant is
 * now the same as `baseline`.
 */
const FIX_QUERY: [string, string] = [
  'SELECT revision FROM events WHERE stream_id = ? AND event_id = ? ORDER BY revision LIMIT 1',
  'SELECT revision FROM events WHERE stream_id = ? AND event_id = ?',
];

const VARIANTS: Record<string, { pragmas: string[]; sql: string[]; rewrite?: [string, string] }> = {
  baseline: { pragmas: [], sql: [] },
  query: { pragmas: [], sql: [], rewrite: FIX_QUERY },
  'query+cache+checkpoint': { pragmas: ['cache_size = -262144', 'wal_autocheckpoint = 16384'], sql: [], rewrite: FIX_QUERY },
  cache: { pragmas: ['cache_size = -262144'], sql: [] },
  index: { pragmas: [], sql: FIX_INDEX },
  'index+cache': { pragmas: ['cache_size = -262144'], sql: FIX_INDEX },
  'index+cache+checkpoint': { pragmas: ['cache_size = -262144', 'wal_autocheckpoint = 16384'], sql: FIX_INDEX },
  // Diagnosis only, not recommendations: what the fsyncs cost (synchronous=NORMAL is not durable on power loss).
  'index+cache+checkpoint+normal': { pragmas: ['cache_size = -262144', 'wal_autocheckpoint = 16384', 'synchronous = NORMAL'], sql: FIX_INDEX },
};

async function run(size: number, batchEvents: number, variant: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'orgtrail-append-experiment-'));
  const db = openEventDatabase(join(dir, 'orgtrail.sqlite'));
  for (const pragma of VARIANTS[variant]!.pragmas) db.pragma(pragma);
  for (const sql of VARIANTS[variant]!.sql) db.exec(sql);
  const rewrite = VARIANTS[variant]!.rewrite;
  if (rewrite) {
    const prepare = db.prepare.bind(db);
    (db as { prepare: typeof db.prepare }).prepare = ((source: string) => prepare(source === rewrite[0] ? rewrite[1] : source)) as typeof db.prepare;
  }
  const table = createEventTable(db);
  const queue = new GroupCommitQueue(db, table, () => new Date(), () => {});
  let batch: GeneratedAppend[] = [];
  let n = 0;
  let total = 0;
  let ns = 0n;
  let windowNs = 0n;
  let windowEvents = 0;
  const rates: number[] = [];
  const flush = async () => {
    const started = process.hrtime.bigint();
    await Promise.all(batch.map((a) => queue.enqueue(prepareAppendRequest(a.streamId, a.events, 'any'))));
    const spent = process.hrtime.bigint() - started;
    ns += spent;
    windowNs += spent;
    total += n;
    windowEvents += n;
    batch = [];
    n = 0;
    if (windowEvents >= 100_000) {
      rates.push(Math.round(windowEvents / (Number(windowNs) / 1e9)));
      windowEvents = 0;
      windowNs = 0n;
    }
  };
  for (const commit of generateWorkload({ size })) {
    for (const append of commit.appends) {
      batch.push(append);
      n += append.events.length;
      if (n >= batchEvents) await flush();
    }
  }
  await flush();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`${variant.padEnd(18)} ${Math.round(total / (Number(ns) / 1e9)).toLocaleString('en-US').padStart(8)} events/s overall; per 100k events: ${rates.join(', ')}`);
}

const TAIL_VARIANTS: Record<string, (dataDir: string) => Promise<EventStore>> = {
  chained: async (dataDir) => hashChained(await createSqliteEventStore({ dataDir })),
  bare: (dataDir) => createSqliteEventStore({ dataDir }),
};

async function runTail(storeFile: string, size: number, batchEvents: number, variant: string): Promise<void> {
  const open = TAIL_VARIANTS[variant];
  if (!open) throw new RangeError(`unknown tail variant ${variant}: use ${Object.keys(TAIL_VARIANTS).join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'orgtrail-append-tail-'));
  try {
    copyFileSync(storeFile, join(dir, 'orgtrail.sqlite'));
    const store = await open(dir);
    const tail = Math.min(50_000, Math.round(size / 10));
    const result = await benchmarkTailAppends(store, generateWorkload({ size }), size - tail, size, batchEvents);
    await store.close();
    console.log(`${variant.padEnd(8)} ${Math.round(result.eventsPerSecond).toLocaleString('en-US').padStart(8)} events/s (${result.events} events, ${result.transactions} transactions, slowest ${result.slowestTransactionMs.toFixed(0)} ms)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'tail') {
  const storeFile = process.argv[3];
  if (storeFile === undefined) throw new TypeError('tail mode needs the path of an orgtrail.sqlite to copy');
  const size = parseSize(process.argv[4] ?? '1m');
  const batchEvents = Number(process.argv[5] ?? 1000);
  for (const variant of (process.argv[6] ?? 'chained,bare').split(',')) await runTail(storeFile, size, batchEvents, variant);
} else {
  const size = parseSize(process.argv[2] ?? '1m');
  const batchEvents = Number(process.argv[3] ?? 1000);
  const which = process.argv[4] ?? 'all';
  for (const variant of which === 'all' ? Object.keys(VARIANTS) : [which]) await run(size, batchEvents, variant);
}
