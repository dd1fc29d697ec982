/**
 * Target 5 alone, for whoever works on the append path: the port against the raw SQLite floor
 * (bench/append-floor.ts) on a loaded store, without the rest of the bench.
 *
 *   npx tsx bench/experiments/append-floor.ts [size=100k] [batchEvents=1000] [repeats=1]
 *
 * Loads the workload into <os tmpdir>/orgtrail-append-floor-<size> unless a store is already
 * there (so the next run reuses it), then runs the comparison `repeats` times on fresh copies.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashChained } from '../../src/audit/hash-chained-store.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import { compareAppendsToFloor } from '../append-floor.ts';
import { generateWorkload, parseSize } from '../generate.ts';
import { loadHistory, SimulatedClock } from '../load.ts';

const label = process.argv[2] ?? '100k';
const size = parseSize(label);
const batchEvents = Number(process.argv[3] ?? 1000);
const repeats = Number(process.argv[4] ?? 1);
const storeDir = join(tmpdir(), `orgtrail-append-floor-${label}`);
if (!existsSync(join(storeDir, 'orgtrail.sqlite'))) {
  const clock = new SimulatedClock();
  const store = hashChained(await createSqliteEventStore({ dataDir: storeDir, clock: clock.clock }));
  const load = await loadHistory(store, clock, generateWorkload({ size }));
  await store.close();
  console.log(`loaded ${load.events} events into ${storeDir}`);
}
const tail = Math.min(50_000, Math.round(size / 10));
for (let i = 0; i < repeats; i++) {
  const work = mkdtempSync(join(tmpdir(), 'orgtrail-append-floor-run-'));
  try {
    const c = await compareAppendsToFloor(storeDir, work, generateWorkload({ size }), size - tail, size, batchEvents);
    console.log(`port ${Math.round(c.port.eventsPerSecond)} events/s, floor ${Math.round(c.floor.eventsPerSecond)} events/s, ratio ${c.ratio.toFixed(3)} (${c.events} events, ${c.transactions} transactions, ${c.rowsCompared} rows identical)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
