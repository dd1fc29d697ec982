/**
 * Experiment behind the rebuild recommendations in bench/README.md: where the cold rebuild's
 * time goes beyond the read-and-parse floor. Each variant runs in its own fresh process
 * (a cold JIT and an empty heap, as a restart) on the same store:
 *
 *   floor      one SELECT in position order, raw rows, JSON.parse of data and metadata;
 *   service    open the store, Projector.start() on fresh ReadModels (what a restart does);
 *   direct     the same ReadModels.apply, fed from one raw SELECT (no paging, no async
 *              iteration, one object per event): the cost of the store's read path;
 *   parse-only the same as direct without apply: reading + building RecordedEvents;
 *   lean       direct, with two changes to what the read models retain, swapped in at run time
 *              (projections/ is not modified): PdoIndex.recordMeasurement no longer keeps the
 *              measurement's EventRef (with its parsed data) in the indicator's event list —
 *              the MeasurementView already holds what answers need — and the recordedAt
 *              strings of one commit are interned (one string per commit, not per event).
 *
 *   npx tsx bench/experiments/rebuild-paths.ts --data-dir DIR   (a store loaded by bench/profile.ts)
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { PdoIndex } from '../../projections/pdo-index.ts';
import { ReadModels } from '../../projections/read-models.ts';
import type { MeasurementView } from '../../projections/views.ts';
import type { MeasurementRecorded } from '../../events/types.ts';
import { Projector } from '../../src/read/projector.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { RecordedEvent } from '../../src/store/event-store.ts';

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
    const lean = variant === 'lean';
    if (lean) {
      type Internals = { indicatorOrCreate(indicatorId: string, objectiveId: string): { measurements: MeasurementView[] } };
      (PdoIndex.prototype as unknown as { recordMeasurement: unknown }).recordMeasurement = function (this: Internals, data: MeasurementRecorded, ref: { recordedAt: string; position: number }) {
        const i = this.indicatorOrCreate(data.indicatorId, data.objectiveId);
        const m: MeasurementView = { value: data.value, measuredAt: data.measuredAt, note: data.note, source: data.source, recordedAt: ref.recordedAt, position: ref.position };
        let k = i.measurements.length;
        while (k > 0 && i.measurements[k - 1]!.measuredAt > m.measuredAt) k--;
        i.measurements.splice(k, 0, m);
      };
    }
    let previousRecordedAt = '';
    for (const r of rows.iterate() as IterableIterator<[number, string, number, string, string, string, string, string]>) {
      if (variant === 'floor') {
        JSON.parse(r[5]);
        JSON.parse(r[6]);
        continue;
      }
      const recordedAt = lean && r[7] === previousRecordedAt ? previousRecordedAt : (previousRecordedAt = r[7]);
      const event: RecordedEvent = { id: r[3], streamId: r[1], revision: r[2], position: r[0], type: r[4], data: JSON.parse(r[5]), metadata: JSON.parse(r[6]), recordedAt };
      if (variant === 'direct' || lean) models.apply(event);
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
  for (const variant of ['floor', 'parse-only', 'direct', 'lean', 'service']) {
    const child = fork(fileURLToPath(import.meta.url), ['--data-dir', dataDir, '--variant', variant], { execArgv: [...process.execArgv, '--expose-gc'] });
    const result = await new Promise<{ seconds: number; rssMiB: number }>((resolve) => child.once('message', (m) => resolve(m as { seconds: number; rssMiB: number })));
    child.kill();
    console.log(`${variant.padEnd(11)} ${result.seconds.toFixed(2).padStart(6)} s   RSS after ${result.rssMiB} MiB`);
  }
}
