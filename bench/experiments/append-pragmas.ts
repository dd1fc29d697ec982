/**
 * Experiment behind the append recommendations in bench/README.md: the embedded store's own
 * append path (prepareAppendRequest → GroupCommitQueue → appendToStream → events table),
 * assembled here on a connection opened by openEventDatabase, with extra PRAGMAs applied
 * after it, to measure what each would change. The store's files are not modified.
 *
 *   npx tsx bench/experiments/append-pragmas.ts [size=1m] [batchEvents=1000] [variant=baseline|query|query+cache+checkpoint|cache|index|index+cache|index+cache+checkpoint|...|all]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareAppendRequest } from '../../src/store/embedded/append-to-stream.ts';
import { createEventTable } from '../../src/store/embedded/event-table.ts';
import { GroupCommitQueue } from '../../src/store/embedded/group-commit.ts';
import { openEventDatabase } from '../../src/store/embedded/open-event-database.ts';
import { generateWorkload, parseSize, type GeneratedAppend } from '../generate.ts';

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

/** `query`: the same look-up without ORDER BY (ids are unique within a stream): planned on events_by_stream_event_id, no schema change. */
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

const size = parseSize(process.argv[2] ?? '1m');
const batchEvents = Number(process.argv[3] ?? 1000);
const which = process.argv[4] ?? 'all';
for (const variant of which === 'all' ? Object.keys(VARIANTS) : [which]) await run(size, batchEvents, variant);
