/**
 * Verifies the whole log, in position order, one page at a time (memory: the stream heads and
 * the head changes since the last checkpoint, never the log itself):
 * - positions: strictly increasing; on the embedded store, which hands out positions 1, 2, 3...
 *   without gaps, contiguous from 1 (a missing position is a removed event);
 * - recordedAt: never earlier than the previous event's (the port's guarantee);
 * - each stream: revisions 0, 1, 2... and each event's `integrity` — previousHash equal to the
 *   hash of the stream's previous event, hash equal to the hash recomputed from its content
 *   (format v2, or v1 for events written before v2: event-hash.ts);
 * - each checkpoint (audit-checkpoints): valid against its schema, and equal to the state of
 *   the log up to the position it covers — the head of every stream, the number of events and
 *   the log digest.
 * The answer is "intact up to position N" (the head when verification started) or the FIRST
 * failing position and why. Events appended while it runs are left for the next verification.
 */
import { SYSTEM_STREAMS, validateSystemEvent } from '../../events/system-catalogue.ts';
import type { IntegrityCheckpointRecorded, StreamHeadRecord } from '../../events/system/types.ts';
import type { EventStore, RecordedEvent } from '../store/event-store.ts';
import { hashMatches, integrityOf } from './event-hash.ts';
import { LogFold } from './log-fold.ts';

export interface VerifyProgress {
  eventsChecked: number;
  position: number;
  /** The head position the verification runs up to. */
  headPosition: number;
}

export interface VerifyOptions {
  onProgress?: (progress: VerifyProgress) => void;
  /** Events read per page (default 1000). */
  pageSize?: number;
}

interface Counts {
  eventsChecked: number;
  streamsChecked: number;
  checkpointsChecked: number;
}

export type VerifyResult =
  | ({ intact: true; upToPosition: number } & Counts)
  | ({ intact: false; position: number; streamId?: string; reason: string } & Counts);

export type VerifiableStore = Pick<EventStore, 'kind' | 'readAll' | 'headPosition'>;

/**
 * Head changes kept (at least this many, at most twice) to roll back to a checkpoint's covered
 * position. The checkpointer covers the log up to shortly before the checkpoint, so this
 * bounds memory on a log without checkpoints and refuses nothing an honest checkpointer writes.
 */
const MAX_ROLLBACK = 100_000;

class Broken extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
    readonly streamId?: string,
  ) {
    super(reason);
  }
}

interface HeadChange {
  position: number;
  streamId: string;
  before: StreamHeadRecord | undefined;
  digestBefore: string;
  countBefore: number;
}

export async function verifyLog(store: VerifiableStore, options: VerifyOptions = {}): Promise<VerifyResult> {
  const headPosition = await store.headPosition();
  const pageSize = options.pageSize ?? 1_000;
  const contiguous = store.kind === 'embedded';
  const fold = new LogFold();
  /** Head changes after the last checked checkpoint's own position, to roll the fold back to a covered position. */
  let changes: HeadChange[] = [];
  let floor = -1;
  /** Oldest position the fold can still be rolled back to. */
  let rollbackFloor = -1;
  let previous: RecordedEvent | undefined;
  const counts: Counts = { eventsChecked: 0, streamsChecked: 0, checkpointsChecked: 0 };

  const checkEvent = (event: RecordedEvent) => {
    const expectedPosition = previous === undefined ? 1 : previous.position + 1;
    if (contiguous && event.position !== expectedPosition) {
      const missing = event.position > expectedPosition ? `positions ${expectedPosition} to ${event.position - 1} are missing` : `position ${event.position} is out of order`;
      throw new Broken(expectedPosition, `${missing}: events were removed`);
    }
    if (previous !== undefined && !(event.position > previous.position)) throw new Broken(event.position, 'positions do not increase');
    if (!Number.isFinite(Date.parse(event.recordedAt))) throw new Broken(event.position, 'recordedAt is not an instant', event.streamId);
    if (previous !== undefined && Date.parse(event.recordedAt) < Date.parse(previous.recordedAt)) {
      throw new Broken(event.position, `recordedAt ${event.recordedAt} is earlier than the previous event's (${previous.recordedAt})`, event.streamId);
    }
    const head = fold.heads.get(event.streamId);
    const expectedRevision = (head?.revision ?? -1) + 1;
    if (event.revision !== expectedRevision) {
      throw new Broken(event.position, event.revision > expectedRevision
        ? `revision ${event.revision} comes where revision ${expectedRevision} should: revisions ${expectedRevision} to ${event.revision - 1} were removed`
        : `revision ${event.revision} appears again after revision ${expectedRevision - 1}`, event.streamId);
    }
    const integrity = integrityOf(event.metadata);
    if (integrity === undefined) throw new Broken(event.position, 'the event carries no integrity hash', event.streamId);
    if (integrity.previousHash !== (head?.hash ?? null)) {
      const expected = head === undefined ? 'the first event of its stream must have no previousHash' : `previousHash does not match the hash of revision ${head.revision}`;
      throw new Broken(event.position, `${expected}: an event before it was replaced or reordered`, event.streamId);
    }
    if (!hashMatches(event, integrity)) {
      throw new Broken(event.position, 'the content (data, metadata, type, id, stream or revision) does not match its hash: the event was altered', event.streamId);
    }
  };

  const checkCheckpoint = (event: RecordedEvent) => {
    let data: IntegrityCheckpointRecorded;
    try {
      const checkpoint = validateSystemEvent(event);
      if (checkpoint.type !== 'IntegrityCheckpointRecorded') throw new Error(`unexpected ${checkpoint.type}`);
      data = checkpoint.data;
    } catch (error) {
      throw new Broken(event.position, `invalid checkpoint: ${error instanceof Error ? error.message : String(error)}`, event.streamId);
    }
    if (data.coversPosition >= event.position) throw new Broken(event.position, `checkpoint covers position ${data.coversPosition}, not before itself`, event.streamId);
    if (data.coversPosition < floor) throw new Broken(event.position, `checkpoint covers position ${data.coversPosition}, before the previous checkpoint at ${floor}`, event.streamId);
    if (data.coversPosition < rollbackFloor) {
      throw new Broken(event.position, `checkpoint covers position ${data.coversPosition}, more than ${MAX_ROLLBACK} events before itself`, event.streamId);
    }
    compareWithLog(event.position, data, stateAt(data.coversPosition));
    counts.checkpointsChecked += 1;
    floor = event.position;
    rollbackFloor = event.position;
    changes = [];
  };

  /** The fold rolled back to the state just after `position`. */
  const stateAt = (position: number) => {
    const rolledBack = new Map<string, StreamHeadRecord | undefined>();
    let digest = fold.logDigest;
    let count = fold.eventCount;
    for (let i = changes.length - 1; i >= 0 && changes[i]!.position > position; i -= 1) {
      const change = changes[i]!;
      rolledBack.set(change.streamId, change.before);
      digest = change.digestBefore;
      count = change.countBefore;
    }
    const headAt = (streamId: string) => (rolledBack.has(streamId) ? rolledBack.get(streamId) : fold.heads.get(streamId));
    return { headAt, digest, count };
  };

  const compareWithLog = (at: number, data: IntegrityCheckpointRecorded, state: ReturnType<typeof stateAt>) => {
    for (const [streamId, recorded] of Object.entries(data.heads)) {
      const actual = state.headAt(streamId);
      if (actual === undefined) throw new Broken(at, `stream ${streamId} is missing: the checkpoint records it at revision ${recorded.revision}`, streamId);
      if (actual.revision < recorded.revision) {
        throw new Broken(at, `stream ${streamId} ends at revision ${actual.revision} up to position ${data.coversPosition}; the checkpoint records revision ${recorded.revision}: its tail was removed`, streamId);
      }
      if (actual.revision > recorded.revision) {
        throw new Broken(at, `stream ${streamId} reaches revision ${actual.revision} up to position ${data.coversPosition}; the checkpoint records revision ${recorded.revision}: events were inserted`, streamId);
      }
      if (actual.hash !== recorded.hash) throw new Broken(at, `the head of stream ${streamId} (revision ${actual.revision}) differs from the checkpoint's`, streamId);
    }
    for (const streamId of fold.heads.keys()) {
      const actual = state.headAt(streamId);
      if (actual !== undefined && !(streamId in data.heads)) {
        throw new Broken(at, `stream ${streamId} (revision ${actual.revision}) is not in the checkpoint: it was inserted before position ${data.coversPosition}`, streamId);
      }
    }
    if (state.count !== data.eventCount) throw new Broken(at, `${state.count} events up to position ${data.coversPosition}; the checkpoint records ${data.eventCount}`);
    if (state.digest !== data.logDigest) {
      throw new Broken(at, `the log digest up to position ${data.coversPosition} differs from the checkpoint's: positions or recordedAt of events were altered`);
    }
  };

  try {
    for (let after = -1; after < headPosition; ) {
      const page = await store.readAll({ fromPosition: after, maxCount: pageSize });
      const inRange = page.filter((event) => event.position <= headPosition);
      for (const event of inRange) {
        checkEvent(event);
        const digestBefore = fold.logDigest;
        const countBefore = fold.eventCount;
        const before = fold.apply(event);
        changes.push({ position: event.position, streamId: event.streamId, before, digestBefore, countBefore });
        if (changes.length >= 2 * MAX_ROLLBACK) rollbackFloor = changes.splice(0, MAX_ROLLBACK).at(-1)!.position;
        counts.eventsChecked += 1;
        if (event.streamId === SYSTEM_STREAMS.integrityCheckpoints) checkCheckpoint(event);
        previous = event;
      }
      counts.streamsChecked = fold.heads.size;
      options.onProgress?.({ eventsChecked: counts.eventsChecked, position: previous?.position ?? -1, headPosition });
      if (inRange.length < page.length || page.length < pageSize) break;
      after = page[page.length - 1]!.position;
    }
  } catch (error) {
    if (!(error instanceof Broken)) throw error;
    counts.streamsChecked = fold.heads.size;
    return { intact: false, position: error.position, ...(error.streamId ? { streamId: error.streamId } : {}), reason: error.reason, ...counts };
  }
  return { intact: true, upToPosition: previous?.position ?? -1, ...counts };
}
