/**
 * Checks of a log against the acknowledgements a client received, and a way to read the log
 * of a data directory while a server process holds it (an online backup into a temp folder,
 * opened as a store there).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupDataDir, STORE_FILE_NAME } from '../../src/ops/backup.ts';
import { createSqliteEventStore, type SqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { RecordedEvent } from '../../src/store/event-store.ts';
import type { Ack } from './append-load.ts';

/**
 * What is wrong with `events` given the acks, as readable lines (empty: all kept). Every
 * acknowledged event must be there exactly once, the last at the acknowledged position;
 * positions must strictly increase.
 */
export function ackProblems(events: RecordedEvent[], acks: Ack[]): string[] {
  const problems: string[] = [];
  const byId = new Map<string, RecordedEvent[]>();
  for (const event of events) byId.set(event.id, [...(byId.get(event.id) ?? []), event]);
  for (const [id, copies] of byId) if (copies.length > 1) problems.push(`event ${id} is in the log ${copies.length} times`);
  events.forEach((event, i) => {
    if (i > 0 && event.position <= events[i - 1]!.position) problems.push(`position ${event.position} follows ${events[i - 1]!.position}`);
  });
  for (const ack of acks) {
    const found = ack.eventIds.map((id) => byId.get(id)?.[0]);
    if (found.some((e) => e === undefined)) problems.push(`acknowledged position ${ack.position} (${ack.eventIds.join(', ')}) is missing`);
    else if (found.at(-1)!.position !== ack.position) problems.push(`acknowledged at position ${ack.position}, found at ${found.at(-1)!.position}`);
  }
  return problems;
}

export interface Snapshot {
  store: SqliteEventStore;
  dir: string;
  close(): Promise<void>;
}

/** An online backup of the data directory, opened as a store of its own (safe while a server runs). */
export async function snapshotOf(dataDir: string): Promise<Snapshot> {
  const dir = await mkdtemp(join(tmpdir(), 'orgtrail-snapshot-'));
  await backupDataDir(dataDir, join(dir, STORE_FILE_NAME));
  const store = await createSqliteEventStore({ dataDir: dir });
  return {
    store,
    dir,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
