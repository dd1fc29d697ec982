/**
 * The last check of verifyLog: every stream the log holds still reads, through the port, with at
 * least the head the log shows. orgtrail never deletes a stream (the port has no delete); an
 * operator can on EventStoreDB, and then the events stay in $all (until a scavenge removes them)
 * while the stream reads as missing (soft delete) or as deleted (tombstone). Such a stream is
 * reported: its history is no longer what a reader of the stream gets, and appending to it would
 * restart its hash chain. On the embedded store a stream can only go missing by editing the
 * database, which the position and revision checks already report.
 *
 * One read per stream (a few at a time); a stream's head may have moved on since verification
 * started (a later revision is fine), never back.
 */
import { StreamDeletedError } from '../errors.ts';
import type { EventStore } from '../store/event-store.ts';

const CONCURRENT_READS = 8;

export interface MissingStream {
  streamId: string;
  reason: string;
}

export async function firstMissingStream(store: Pick<EventStore, 'streamRevision'>, heads: Iterable<[string, { revision: number }]>): Promise<MissingStream | undefined> {
  const queue = [...heads];
  let found: MissingStream | undefined;
  let index = 0;
  const worker = async () => {
    while (found === undefined && index < queue.length) {
      const [streamId, head] = queue[index++]!;
      const missing = await check(store, streamId, head.revision);
      if (missing && found === undefined) found = missing;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, queue.length) }, worker));
  return found;
}

async function check(store: Pick<EventStore, 'streamRevision'>, streamId: string, revision: number): Promise<MissingStream | undefined> {
  let current: number | null;
  try {
    current = await store.streamRevision(streamId);
  } catch (error) {
    if (error instanceof StreamDeletedError) return { streamId, reason: `the stream was deleted (tombstoned) in the event store: its ${revision + 1} events are still in the log but the stream no longer reads` };
    throw error;
  }
  if (current === null) return { streamId, reason: `the stream was deleted in the event store: the log holds ${revision + 1} events of it but the stream reads as missing` };
  if (current < revision) return { streamId, reason: `the stream reads only up to revision ${current}, the log holds it up to revision ${revision}` };
  return undefined;
}
