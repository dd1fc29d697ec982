/**
 * One checkpoint against the log rolled back to the position it covers (verify-log.ts):
 * - any version: the number of events and the log digest; from v2 on, the number of streams;
 * - complete (v1, v2 `full`): every stream of the log up to that position is listed, each with
 *   its head (revision and hash);
 * - delta (v2): it follows the previous checkpoint (`sinceCoversPosition` is that one's
 *   coversPosition) and lists exactly the streams with an event after it up to its own
 *   coversPosition, each with its head. A stream it leaves out is reported as a stream missing from
 *   a complete checkpoint is.
 * A mismatch throws Broken, whose reason says what differs.
 */
import { SYSTEM_STREAMS } from '../../events/system-catalogue.ts';
import type { DeltaCheckpoint, StreamHeadRecord } from '../../events/system/types.ts';
import { isComplete, type CheckpointData } from './checkpoint-chain.ts';

/** The first failing position of the log and why. */
export class Broken extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
    readonly streamId?: string,
  ) {
    super(reason);
  }
}

/** The log as of a checkpoint's coversPosition. */
export interface LogState {
  headAt(streamId: string): StreamHeadRecord | undefined;
  digest: string;
  count: number;
  streamCount: number;
  /** Streams with an event after the previous checkpoint's coversPosition, up to this position. */
  changedSincePrevious(): Set<string>;
  /** Every stream folded so far (possibly later than the position: filter with headAt). */
  streamIds(): Iterable<string>;
}

/** Throws Broken at `at` (the checkpoint event's position) unless `data` matches the log. */
export function compareCheckpointWithLog(at: number, data: CheckpointData, state: LogState, previousCover: number | undefined): void {
  if (isComplete(data)) compareCompleteWithLog(at, data, state);
  else compareDeltaWithLog(at, data, state, previousCover);
}

/** Every head the checkpoint lists equals the log's up to the position it covers. */
function compareListedHeads(at: number, data: CheckpointData, state: LogState): void {
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
}

/** The counts and the digest (any version; streamCount from v2 on). */
function compareTotals(at: number, data: CheckpointData, state: LogState): void {
  if ('streamCount' in data && state.streamCount !== data.streamCount) {
    throw new Broken(at, `${state.streamCount} streams have events up to position ${data.coversPosition}; the checkpoint records ${data.streamCount}: a stream was ${state.streamCount < data.streamCount ? 'removed' : 'inserted'}`);
  }
  if (state.count !== data.eventCount) throw new Broken(at, `${state.count} events up to position ${data.coversPosition}; the checkpoint records ${data.eventCount}`);
  if (state.digest !== data.logDigest) {
    throw new Broken(at, `the log digest up to position ${data.coversPosition} differs from the checkpoint's: positions or recordedAt of events were altered`);
  }
}

/** A complete checkpoint (v1, v2 full): every stream of the log up to its position is listed, with its head. */
function compareCompleteWithLog(at: number, data: CheckpointData, state: LogState): void {
  compareListedHeads(at, data, state);
  for (const streamId of state.streamIds()) {
    const actual = state.headAt(streamId);
    if (actual !== undefined && !Object.hasOwn(data.heads, streamId)) {
      throw new Broken(at, `stream ${streamId} (revision ${actual.revision}) is not in the checkpoint: it was inserted before position ${data.coversPosition}`, streamId);
    }
  }
  compareTotals(at, data, state);
}

/** A delta: it follows the previous checkpoint and lists exactly the streams changed since that one's cover, with their heads. */
function compareDeltaWithLog(at: number, data: DeltaCheckpoint, state: LogState, previousCover: number | undefined): void {
  if (previousCover === undefined) throw new Broken(at, `delta checkpoint since position ${data.sinceCoversPosition}, but no checkpoint precedes it`, SYSTEM_STREAMS.integrityCheckpoints);
  if (data.sinceCoversPosition !== previousCover) {
    throw new Broken(at, `delta checkpoint since position ${data.sinceCoversPosition}, but the previous checkpoint covers position ${previousCover}`, SYSTEM_STREAMS.integrityCheckpoints);
  }
  compareListedHeads(at, data, state);
  const changed = state.changedSincePrevious();
  for (const streamId of Object.keys(data.heads)) {
    if (!changed.has(streamId)) throw new Broken(at, `stream ${streamId} is in the delta checkpoint but has no event between positions ${previousCover} and ${data.coversPosition}`, streamId);
  }
  for (const streamId of changed) {
    if (!Object.hasOwn(data.heads, streamId)) {
      throw new Broken(at, `stream ${streamId} (revision ${state.headAt(streamId)!.revision}) changed after position ${previousCover} but is not in the delta checkpoint: it was inserted before position ${data.coversPosition}`, streamId);
    }
  }
  compareTotals(at, data, state);
}
