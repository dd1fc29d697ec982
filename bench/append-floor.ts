/**
 * Issue 20, target 5: durable batched appends through the store port, hash-chained, against the
 * raw SQLite floor of the same rows in the same batches, measured in one run.
 *
 * Both sides start from a copy of the same loaded store (same file, same schema and indexes,
 * opened by openEventDatabase: WAL, synchronous=FULL, the store's cache and checkpoint
 * settings) and write the tail of the history (its last 10%, at most 50k events) with the
 * generated event ids, in transactions of about `batchEvents` events:
 *
 * - port: `hashChained(createSqliteEventStore(...)).append(stream, events, {expectedRevision: 'any'})`,
 *   every append of a batch in one tick, so the group commit makes the batch one transaction —
 *   as the service appends (serialisation, expected-revision and id checks, the hash chain, the
 *   store identity stamp, all inside);
 * - floor: the very rows the port writes, computed before the clock starts (revision, id, type,
 *   data and metadata JSON with its `integrity` member, recordedAt), inserted with one prepared
 *   INSERT per row — the store's own statement — in one `BEGIN IMMEDIATE … COMMIT` per batch.
 *
 * The two sides alternate batch by batch (which goes first alternates too), so that this
 * machine's drift falls on both alike. Afterwards the rows of both copies are compared column by
 * column: the figure is only reported if they are the same rows.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chainSerialisedEvent, headHashOfMetadataJson } from '../src/audit/event-hash.ts';
import { hashChained } from '../src/audit/hash-chained-store.ts';
import { openEventDatabase } from '../src/store/embedded/open-event-database.ts';
import { createSqliteEventStore } from '../src/store/embedded/sqlite-event-store.ts';
import type { GeneratedAppend, GeneratedCommit } from './generate.ts';
import type { AppendBenchmark } from './load.ts';

export interface AppendFloorComparison {
  batchEvents: number;
  events: number;
  transactions: number;
  /** The port's side, in the shape of the other append figures. */
  port: AppendBenchmark;
  floor: { seconds: number; eventsPerSecond: number };
  /** port events/s ÷ floor events/s. */
  ratio: number;
  /** Rows of the two copies compared after the run (all of them must match). */
  rowsCompared: number;
}

/** The tail's appends from event number `fromEvent` on, grouped into batches of about `batchEvents` events. */
export function tailBatches(commits: Iterable<GeneratedCommit>, fromEvent: number, batchEvents: number): GeneratedAppend[][] {
  const batches: GeneratedAppend[][] = [];
  let seen = 0;
  let batch: GeneratedAppend[] = [];
  let size = 0;
  for (const commit of commits) {
    seen += commit.eventCount;
    if (seen <= fromEvent) continue;
    for (const append of commit.appends) {
      batch.push(append);
      size += append.events.length;
      if (size >= batchEvents) {
        batches.push(batch);
        batch = [];
        size = 0;
      }
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

function copyStore(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from)) if (file.startsWith('orgtrail.sqlite')) copyFileSync(join(from, file), join(to, file));
}

type Row = [streamId: string, revision: number, id: string, type: string, data: string, metadata: string, recordedAt: string];

/** The rows the chained port writes for these batches onto the copy's current heads (as append-to-stream.ts chains them). */
function floorRows(file: string, batches: GeneratedAppend[][], recordedAt: string): Row[][] {
  const db = openEventDatabase(file);
  try {
    const headOf = db.prepare('SELECT revision, metadata FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1');
    const heads = new Map<string, { revision: number; hash: string | null }>();
    return batches.map((batch) =>
      batch.flatMap(({ streamId, events }) => {
        let head = heads.get(streamId);
        if (head === undefined) {
          const stored = headOf.get(streamId) as { revision: number; metadata: string } | undefined;
          head = stored ? { revision: stored.revision, hash: headHashOfMetadataJson(stored.metadata) } : { revision: -1, hash: null };
        }
        const rows = events.map((event): Row => {
          const revision = head!.revision + 1;
          const id = event.id.toLowerCase();
          const dataJson = JSON.stringify(event.data);
          const link = chainSerialisedEvent({ streamId, revision, id, type: event.type, dataJson, metadataJson: JSON.stringify(event.metadata) }, head!.hash);
          head = { revision, hash: link.hash };
          return [streamId, revision, id, event.type, dataJson, link.metadataJson, recordedAt];
        });
        heads.set(streamId, head);
        return rows;
      }),
    );
  } finally {
    db.close();
  }
}

/** Compares every row after position `after` of the two files; throws on the first difference. */
function sameRows(a: string, b: string, after: number): number {
  const sql = 'SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position';
  const left = openEventDatabase(a);
  const right = openEventDatabase(b);
  try {
    const l = left.prepare(sql).raw(true).all(after) as unknown[][];
    const r = right.prepare(sql).raw(true).all(after) as unknown[][];
    if (l.length !== r.length) throw new Error(`append floor: the port wrote ${l.length} rows, the floor ${r.length}`);
    l.forEach((row, i) => {
      if (JSON.stringify(row) !== JSON.stringify(r[i])) throw new Error(`append floor: row ${i} differs: port ${JSON.stringify(row).slice(0, 200)} / floor ${JSON.stringify(r[i]).slice(0, 200)}`);
    });
    return l.length;
  } finally {
    left.close();
    right.close();
  }
}

export async function compareAppendsToFloor(storeDir: string, workDir: string, commits: Iterable<GeneratedCommit>, fromEvent: number, storeEventsBefore: number, batchEvents = 1_000): Promise<AppendFloorComparison> {
  const portDir = join(workDir, 'append-port');
  const floorDir = join(workDir, 'append-floor');
  copyStore(storeDir, portDir);
  copyStore(storeDir, floorDir);
  try {
    const batches = tailBatches(commits, fromEvent, batchEvents);
    const floorFile = join(floorDir, 'orgtrail.sqlite');
    // One recording instant for both sides: the store's last one (the port's clock may not go back before it).
    const probe = openEventDatabase(floorFile);
    const { position: before, recorded_at: recordedAt } = probe.prepare('SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1').get() as { position: number; recorded_at: string };
    probe.close();
    const rows = floorRows(floorFile, batches, recordedAt);

    const port = hashChained(await createSqliteEventStore({ dataDir: portDir, clock: () => new Date(recordedAt) }));
    const floorDb = openEventDatabase(floorFile);
    const insert = floorDb.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertBatch = floorDb.transaction((batch: Row[]) => {
      for (const row of batch) insert.run(row);
    }).immediate;

    let portNs = 0n;
    let floorNs = 0n;
    let slowest = 0n;
    let events = 0;
    let appends = 0;
    const runPort = async (batch: GeneratedAppend[]) => {
      const started = process.hrtime.bigint();
      await Promise.all(batch.map((a) => port.append(a.streamId, a.events, { expectedRevision: 'any' })));
      const spent = process.hrtime.bigint() - started;
      portNs += spent;
      if (spent > slowest) slowest = spent;
    };
    const runFloor = (batch: Row[]) => {
      const started = process.hrtime.bigint();
      insertBatch(batch);
      floorNs += process.hrtime.bigint() - started;
    };
    for (const [i, batch] of batches.entries()) {
      if (i % 2 === 0) {
        await runPort(batch);
        runFloor(rows[i]!);
      } else {
        runFloor(rows[i]!);
        await runPort(batch);
      }
      appends += batch.length;
      events += rows[i]!.length;
    }
    await port.close();
    floorDb.close();
    const rowsCompared = sameRows(join(portDir, 'orgtrail.sqlite'), floorFile, before);
    const portSeconds = Number(portNs) / 1e9;
    const floorSeconds = Number(floorNs) / 1e9;
    const portRate = events / portSeconds;
    const floorRate = events / floorSeconds;
    return {
      batchEvents,
      events,
      transactions: batches.length,
      port: { storeEventsBefore, events, appends, transactions: batches.length, batchEvents, callerIds: true, seconds: portSeconds, eventsPerSecond: portRate, slowestTransactionMs: Number(slowest) / 1e6 },
      floor: { seconds: floorSeconds, eventsPerSecond: floorRate },
      ratio: portRate / floorRate,
      rowsCompared,
    };
  } finally {
    rmSync(portDir, { recursive: true, force: true });
    rmSync(floorDir, { recursive: true, force: true });
  }
}
