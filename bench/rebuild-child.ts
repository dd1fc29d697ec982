/**
 * The cold rebuild, in a fresh process (started by run.ts with --expose-gc), as a restart:
 *
 * 1. the floor: read every row of the events table with one SELECT in position order on a
 *    read-only connection, and JSON.parse its data and metadata — the least any rebuild from
 *    this store must do;
 * 2. the rebuild: open the embedded store and start the projector on fresh ReadModels, the
 *    service's own start-up path (createOrgtrail does the same), until it has applied the head;
 * 3. memory: RSS and heap after two full GCs, with the read models alive.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ReadModels } from '../projections/read-models.ts';
import { Projector } from '../src/read/projector.ts';
import { createSqliteEventStore } from '../src/store/embedded/sqlite-event-store.ts';
import { serveParent } from './child.ts';

export interface RebuildRequest {
  dataDir: string;
}

export interface MemoryFigures {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
}

export interface RebuildResult {
  events: number;
  floorSeconds: number;
  floorEventsPerSecond: number;
  /** Open the store + projector.start() until the head is applied. */
  rebuildSeconds: number;
  rebuildEventsPerSecond: number;
  ratioToFloor: number;
  memoryBeforeRebuild: MemoryFigures;
  memoryAfterRebuild: MemoryFigures;
  gcExposed: boolean;
}

function memory(): MemoryFigures {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rssBytes: m.rss, heapUsedBytes: m.heapUsed, heapTotalBytes: m.heapTotal, externalBytes: m.external };
}

function floor(file: string): { events: number; seconds: number } {
  const db = new Database(file, { readonly: true });
  try {
    const statement = db.prepare('SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM events ORDER BY position').raw(true);
    const started = process.hrtime.bigint();
    let events = 0;
    for (const row of statement.iterate() as IterableIterator<unknown[]>) {
      JSON.parse(row[5] as string);
      JSON.parse(row[6] as string);
      events += 1;
    }
    return { events, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    db.close();
  }
}

async function rebuild({ dataDir }: RebuildRequest): Promise<RebuildResult> {
  const floorRun = floor(join(dataDir, 'orgtrail.sqlite'));
  const memoryBeforeRebuild = memory();
  const started = process.hrtime.bigint();
  const store = await createSqliteEventStore({ dataDir });
  const models = new ReadModels();
  const projector = new Projector(store, models);
  await projector.start();
  const rebuildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const memoryAfterRebuild = memory();
  const events = floorRun.events;
  if (models.position < 0) throw new Error('the store is empty');
  await projector.stop();
  await store.close();
  return {
    events,
    floorSeconds: floorRun.seconds,
    floorEventsPerSecond: events / floorRun.seconds,
    rebuildSeconds,
    rebuildEventsPerSecond: events / rebuildSeconds,
    ratioToFloor: rebuildSeconds / floorRun.seconds,
    memoryBeforeRebuild,
    memoryAfterRebuild,
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
  };
}

serveParent((message) => rebuild(message as RebuildRequest));
