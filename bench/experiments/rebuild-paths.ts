/**
 * Experiment behind the rebuild recommendations in bench/README.md: where the cold rebuild's
 * time goes beyond the read-and-parse floor. Each variant runs in its own fresh process
 * (a cold JIT and an empty heap, as a restart) on the same store:
 *
 *   floor      one SELECT in position order, raw rows, JSON.parse of data and metadata;
 *   service    open the store, Projector.start() on fresh ReadModels (what a restart does);
 *   direct     the same ReadModels.apply, fed from one raw SELECT (no paging, no async
 *              iteration, one object per event): the cost of the store's read path;
 *   parse-only the same as direct without apply: reading + building RecordedEvents.
 *
 * (A `lean` variant, which swapped in a PdoIndex that kept no EventRef per measurement, was
 * removed on 2026-11-25 once the read models stored events as columns: projections/event-ref-index.ts.)
 *
 *   npx tsx bench/experiments/rebuild-paths.ts --data-dir DIR   (a store loaded by bench/profile.ts)
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ReadModels } from '../../projections/read-models.ts';
import { Projector } from '../../src/read/projector.ts';
import { recordedEventOf, type RawEventRow } from '../../src/store/embedded/event-table.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, variant: { type: 'string' } } });
const dataDir = values['data-dir'];
if (!dataDir) throw new Error('--data-dir is required');

async function runVariant(variant: string): Promise<{ seconds: number; rssMiB: number }> {
  const file = join(dataDir!, 'orgtrail.sqlite');
  const started = process.hrtime.bigint();
  let keep: unknown;
  if (variant === 'service') {
    const store = await createSqliteEventStore({ dataDir: dataDir! });
    const models = new ReadModels();
    await new Projector(store, models).start();
    keep = models;
  } else {
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM events ORDER BY position').raw(true);
    const models = new ReadModels();
    for (const r of rows.iterate() as IterableIterator<RawEventRow>) {
      if (variant === 'floor') {
        JSON.parse(r[5]);
        JSON.parse(r[6]);
        continue;
      }
      const event = recordedEventOf(r);
      if (variant === 'direct') models.apply(event);
    }
    keep = models;
    db.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  (globalThis as { gc?: () => void }).gc?.();
  void keep;
  return { seconds, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) };
}

if (values.variant) {
  process.send?.(await runVariant(values.variant));
} else {
  for (const variant of ['floor', 'parse-only', 'direct', 'service']) {
    const child = fork(fileURLToPath(import.meta.url), ['--data-dir', dataDir, '--variant', variant], { execArgv: [...process.execArgv, '--expose-gc'] });
    const result = await new Promise<{ seconds: number; rssMiB: number }>((resolve) => child.once('message', (m) => resolve(m as { seconds: number; rssMiB: number })));
    child.kill();
    console.log(`${variant.padEnd(11)} ${result.seconds.toFixed(2).padStart(6)} s   RSS after ${result.rssMiB} MiB`);
  }
}
