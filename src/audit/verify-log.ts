/**
 * Verifies the whole log, in position order, one page at a time (memory: the stream heads and
 * the head changes since the last checkpoint, never the log itself):
 * - positions: strictly increasing; on the embedded store, which hands out positions 1, 2, 3...
 *   without gaps, contiguous from 1 (a missing position is a removed event);
 * - readable: data and metadata are JSON, and a catalogue event matches its schema;
 * - recordedAt: never earlier than the previous event's (the port's guarantee);
 * - each stream: revisions 0, 1, 2... and each event's `integrity` — previousHash equal to the
 *   hash of the stream's previous event, hash equal to the hash recomputed from its content
 *   (format v2, or v1 for events written before v2: event-hash.ts);
 * - each checkpoint (audit-checkpoints): valid against the schema its version names, and equal
 *   to the state of the log up to the position it covers — the number of events, the log digest,
 *   and (v2) the number of streams; a complete one (v1, v2 `full`) lists the head of every stream;
 *   a v2 delta lists exactly the streams whose head changed after the previous checkpoint's
 *   coversPosition (its `sinceCoversPosition`), each equal to the log's head.
 *   With the checkpoints before it, a delta so binds every stream's head as a full one would: a
 *   stream it does not list is bound by the earlier checkpoint that did.
 * - finally, each stream of the log still reads with at least its head (no stream was deleted in
 *   the store: verify-stream-heads.ts), on EventStoreDB, when the store can be asked for stream
 *   revisions.
 * The answer is "intact up to position N" (the head when verification started) or the FIRST
 * failing position and why. Events appended while it runs are left for the next verification.
 */
import { SYSTEM_STREAMS } from '../../events/system-catalogue.ts';
import type { StreamHeadRecord } from '../../events/system/types.ts';
import { isEventType, validateEvent } from '../../events/catalogue.ts';
import { UnreadableEventError, type EventStore, type RecordedEvent } from '../store/event-store.ts';
import { readCheckpoint, type CheckpointData } from './checkpoint-chain.ts';
import { Broken, compareCheckpointWithLog, type LogState } from './compare-checkpoint-with-log.ts';
import { hashMatches, integrityOf } from './event-hash.ts';
import { LogFold } from './log-fold.ts';
import { firstMissingStream } from './verify-stream-heads.ts';

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
  /** Head changes kept to roll back to a checkpoint's covered position (default MAX_ROLLBACK; tests lower it). */
  maxRollback?: number;
}

interface Counts {
  eventsChecked: number;
  streamsChecked: number;
  checkpointsChecked: number;
}

export type VerifyResult =
  | ({ intact: true; upToPosition: number } & Counts)
  | ({ intact: false; position: number; streamId?: string; reason: string } & Counts);

/** With streamRevision, verifyLog also checks that no stream of the log was deleted (verify-stream-heads.ts). */
export type VerifiableStore = Pick<EventStore, 'kind' | 'readAll' | 'headPosition'> & Partial<Pick<EventStore, 'streamRevision'>>;

/**
 * Head changes kept (at least this many, at most twice) to roll back to a checkpoint's covered
 * position. The checkpointer covers the log up to shortly before the checkpoint, so this
 * bounds memory on a log without checkpoints and refuses nothing an honest checkpointer writes.
 */
const MAX_ROLLBACK = 100_000;

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
  const maxRollback = options.maxRollback ?? MAX_ROLLBACK;
  const contiguous = store.kind === 'embedded';
  const fold = new LogFold();
  /**
   * Head changes after the position the last checked checkpoint covers: to roll the fold back to
   * the next covered position, and to know which streams a delta must list.
   */
  let changes: HeadChange[] = [];
  /** Streams of the changes dropped from `changes` (to bound memory) since the last checked checkpoint. */
  const dropped = new Set<string>();
  /** Position of the last checked checkpoint event: the next one covers at least up to it. */
  let floor = -1;
  /** coversPosition of the last checked checkpoint; undefined: none yet. */
  let previousCover: number | undefined;
  /** Oldest position the fold can still be rolled back to. */
  let rollbackFloor = -1;
  let previous: RecordedEvent | undefined;
  /** Position of each stream's last event, to name where a deleted stream ends. */
  const lastPositionOf = new Map<string, number>();
  const counts: Counts = { eventsChecked: 0, streamsChecked: 0, checkpointsChecked: 0 };

  const checkEvent = (event: RecordedEvent) => {
    const expectedPosition = previous === undefined ? 1 : previous.position + 1;
    if (contiguous && event.position !== expectedPosition) {
      const missing = event.position > expectedPosition ? `positions ${expectedPosition} to ${event.position - 1} are missing` : `position ${event.position} is out of order`;
      throw new Broken(expectedPosition, `${missing}: events were removed`);
    }
    if (previous !== undefined && !(event.position > previous.position)) throw new Broken(event.position, 'positions do not increase');
    if (isEventType(event.type)) {
      try {
        validateEvent(event);
      } catch (error) {
        throw new Broken(event.position, `the event cannot be read: ${error instanceof Error ? error.message : String(error)}`, event.streamId);
      }
    }
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
    let data: CheckpointData;
    try {
      data = readCheckpoint(event);
    } catch (error) {
      throw new Broken(event.position, `invalid checkpoint: ${error instanceof Error ? error.message : String(error)}`, event.streamId);
    }
    if (data.coversPosition >= event.position) throw new Broken(event.position, `checkpoint covers position ${data.coversPosition}, not before itself`, event.streamId);
    if (data.coversPosition < floor) throw new Broken(event.position, `checkpoint covers position ${data.coversPosition}, before the previous checkpoint at ${floor}`, event.streamId);
    if (data.coversPosition < rollbackFloor) {
      throw new Broken(event.position, `checkpoint covers position ${data.coversPosition}, more than ${maxRollback} events before itself`, event.streamId);
    }
    compareCheckpointWithLog(event.position, data, stateAt(data.coversPosition), previousCover);
    counts.checkpointsChecked += 1;
    floor = event.position;
    rollbackFloor = event.position;
    previousCover = data.coversPosition;
    const firstUncovered = changes.findIndex((change) => change.position > data.coversPosition);
    changes = firstUncovered === -1 ? [] : changes.slice(firstUncovered);
    dropped.clear();
  };

  /** The fold rolled back to the state just after `position`. */
  const stateAt = (position: number): LogState => {
    const rolledBack = new Map<string, StreamHeadRecord | undefined>();
    let digest = fold.logDigest;
    let count = fold.eventCount;
    let i = changes.length - 1;
    for (; i >= 0 && changes[i]!.position > position; i -= 1) {
      const change = changes[i]!;
      rolledBack.set(change.streamId, change.before);
      digest = change.digestBefore;
      count = change.countBefore;
    }
    /** Changes at or before `position` since the previous checkpoint's cover (those dropped included: they are before the rollback floor). */
    const changedSincePrevious = () => new Set([...dropped, ...changes.slice(0, i + 1).map((change) => change.streamId)]);
    const streamCount = fold.heads.size - [...rolledBack.values()].filter((head) => head === undefined).length;
    const headAt = (streamId: string) => (rolledBack.has(streamId) ? rolledBack.get(streamId) : fold.heads.get(streamId));
    return { headAt, digest, count, streamCount, changedSincePrevious, streamIds: () => fold.heads.keys() };
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
        if (changes.length >= 2 * maxRollback) {
          const droppedChanges = changes.splice(0, maxRollback);
          for (const change of droppedChanges) dropped.add(change.streamId);
          rollbackFloor = droppedChanges.at(-1)!.position;
        }
        counts.eventsChecked += 1;
        lastPositionOf.set(event.streamId, event.position);
        if (event.streamId === SYSTEM_STREAMS.integrityCheckpoints) checkCheckpoint(event);
        previous = event;
      }
      counts.streamsChecked = fold.heads.size;
      options.onProgress?.({ eventsChecked: counts.eventsChecked, position: previous?.position ?? -1, headPosition });
      if (inRange.length < page.length || page.length < pageSize) break;
      after = page[page.length - 1]!.position;
    }
  } catch (caught) {
    const error = caught instanceof UnreadableEventError ? new Broken(caught.position, `the event cannot be read: ${caught.reason}`) : caught;
    if (!(error instanceof Broken)) throw error;
    counts.streamsChecked = fold.heads.size;
    return { intact: false, position: error.position, ...(error.streamId ? { streamId: error.streamId } : {}), reason: error.reason, ...counts };
  }
  // The embedded store cannot delete a stream but by editing its file, which the position checks report.
  const streamRevision = store.streamRevision?.bind(store);
  if (store.kind !== 'embedded' && streamRevision !== undefined) {
    const missing = await firstMissingStream({ streamRevision }, fold.heads);
    if (missing) return { intact: false, position: lastPositionOf.get(missing.streamId)!, streamId: missing.streamId, reason: missing.reason, ...counts };
  }
  return { intact: true, upToPosition: previous?.position ?? -1, ...counts };
}
