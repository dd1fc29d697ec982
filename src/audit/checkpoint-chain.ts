/**
 * What the checkpointer knows of the checkpoint stream, to choose the kind of the next
 * checkpoint (IntegrityCheckpointRecorded v2):
 * - full when there is no readable checkpoint to follow (none yet, or the last one folded is
 *   unreadable), or when the head entries written in deltas since the last full one plus this
 *   delta's would reach the number of streams: so the stored checkpoints stay within about twice
 *   the head changes, and a resume reads at most about two full checkpoints' worth;
 * - otherwise a delta since the last checkpoint folded: exactly the streams whose head changed
 *   after its coversPosition.
 * Size bound: no checkpoint lists heads beyond `maxBytes` (MAX_CHECKPOINT_BYTES by default, half
 * of EventStoreDB's default MaxAppendSize of 1 MiB, which a full checkpoint would pass at some
 * 8-10k streams). A full one that would is replaced by a delta (resumes then read every delta
 * back to the last full one that fitted); with nothing to follow, no checkpoint is recorded
 * (next() says why). The checkpointer records early once the changed streams' entries reach
 * half the bound (deltaIsDue), so a delta stays within it.
 * It learns from the checkpoint events the fold meets, whoever appended them (several instances
 * may share one store), so `sinceCoversPosition` is always the previous checkpoint in the log:
 * the checkpointer appends on the checkpoint-stream revision its fold has seen. A checkpoint it
 * did not validate itself is validated against its schema before a delta follows it (once, and
 * only the last one: folding a long log of full checkpoints does not validate each of them).
 */
import { validateSystemEvent } from '../../events/system-catalogue.ts';
import type { CompleteCheckpoint, DeltaCheckpoint, IntegrityCheckpointRecordedV2 } from '../../events/system/types.ts';
import type { RecordedEvent } from '../store/event-store.ts';
import type { LogFold } from './log-fold.ts';

/** A checkpoint's data, any version: complete (lists every stream) or a delta. */
export type CheckpointData = CompleteCheckpoint | DeltaCheckpoint;

/** The data of a checkpoint event validated against the schema its metadata names; throws (with the problems) if it is invalid. */
export function readCheckpoint(event: Pick<RecordedEvent, 'type' | 'data' | 'metadata'>): CheckpointData {
  const checkpoint = validateSystemEvent(event);
  if (checkpoint.type !== 'IntegrityCheckpointRecorded') throw new Error(`unexpected ${checkpoint.type}`);
  return checkpoint.data;
}

export function isComplete(data: CheckpointData): data is CompleteCheckpoint {
  return !('kind' in data) || data.kind === 'full';
}

type CheckpointEvent = Pick<RecordedEvent, 'position' | 'type' | 'data' | 'metadata'>;

/** What the chain needs of one checkpoint event; undefined: unreadable. */
interface CheckpointLink {
  coversPosition: number;
  /** It lists every stream (v1, or v2 `full`). */
  complete: boolean;
  /** Number of heads it lists. */
  entries: number;
}

/** Bytes of heads a checkpoint may list: half of EventStoreDB's default MaxAppendSize (1 MiB). */
export const MAX_CHECKPOINT_BYTES = 512 * 1024;

/** Upper estimate of one head entry's JSON: "<streamId>":{"revision":<n>,"hash":"<64 hex>"}, (ids escaped at most 6 bytes a character). */
function entryBytes(streamId: string): number {
  return 6 * streamId.length + 100;
}

export class CheckpointChain {
  /** Estimated bytes of the entries of #changed. */
  #changedBytes = 0;
  /** coversPosition of the last checkpoint folded; undefined: none, or it was unreadable (the next one is full). */
  #lastCover: number | undefined;
  #deltaEntriesSinceFull = 0;
  /** Position of the last checkpoint event taken into account (a resumed fold meets the last one again). */
  #linkedAt = -1;
  /** The last checkpoint event, if it is still to be validated before a delta follows it. */
  #unvalidated: CheckpointEvent | undefined;
  /** Streams whose head changed after #lastCover → position of the latest change, oldest first. */
  readonly #changed = new Map<string, number>();

  /** Takes an event the fold just applied into account. */
  noteEvent(streamId: string, position: number): void {
    if (!this.#changed.delete(streamId)) this.#changedBytes += entryBytes(streamId);
    this.#changed.set(streamId, position);
  }

  /**
   * Takes a checkpoint event into account (after noteEvent of the same event; again is a no-op).
   * `validated`: it is known to match its schema (validated before its append, or on resume).
   */
  noteCheckpoint(event: CheckpointEvent, validated: boolean): void {
    if (event.position <= this.#linkedAt) return;
    this.#linkedAt = event.position;
    const link = checkpointLink(event.data, (event.metadata as { schemaVersion?: unknown } | null)?.schemaVersion);
    this.#unvalidated = validated ? undefined : event;
    if (link === undefined) {
      this.#lastCover = undefined;
      this.#changed.clear();
      this.#changedBytes = 0;
      return;
    }
    this.#lastCover = link.coversPosition;
    this.#deltaEntriesSinceFull = link.complete ? 0 : this.#deltaEntriesSinceFull + link.entries;
    for (const [streamId, changedAt] of this.#changed) {
      if (changedAt > link.coversPosition) break;
      this.#changed.delete(streamId);
      this.#changedBytes -= entryBytes(streamId);
    }
  }

  /** Whether the streams changed since the last checkpoint fill half of `maxBytes`: record now, so that the delta stays within it. */
  deltaIsDue(maxBytes = MAX_CHECKPOINT_BYTES): boolean {
    return this.#changedBytes >= maxBytes / 2;
  }

  /**
   * The next checkpoint of the state `fold` reached (at or after the last checkpoint folded), or
   * why none fits within `maxBytes`.
   */
  next(fold: LogFold, maxBytes = MAX_CHECKPOINT_BYTES): IntegrityCheckpointRecordedV2 | { tooLarge: string } {
    if (this.#unvalidated !== undefined) {
      if (!isValid(this.#unvalidated)) this.#lastCover = undefined;
      this.#unvalidated = undefined;
    }
    const streamCount = fold.heads.size;
    const fullDue = this.#lastCover === undefined || this.#deltaEntriesSinceFull + this.#changed.size >= streamCount;
    let fullBytes = 0;
    if (fullDue) for (const streamId of fold.heads.keys()) fullBytes += entryBytes(streamId);
    if (fullDue && fullBytes <= maxBytes) return fold.fullCheckpoint();
    if (this.#lastCover === undefined) {
      return { tooLarge: `a full checkpoint of ${streamCount} streams (~${fullBytes} bytes) exceeds ${maxBytes} bytes and there is no earlier checkpoint for a delta to follow` };
    }
    if (this.#changedBytes > maxBytes) return { tooLarge: `the ${this.#changed.size} streams changed since the last checkpoint (~${this.#changedBytes} bytes) exceed ${maxBytes} bytes` };
    return fold.deltaCheckpoint(this.#lastCover, this.#changed.keys());
  }
}

function isValid(event: CheckpointEvent): boolean {
  try {
    readCheckpoint(event);
    return true;
  } catch {
    return false;
  }
}

/** Reads what the chain needs from a checkpoint's data, by shape only. */
function checkpointLink(data: unknown, schemaVersion: unknown): CheckpointLink | undefined {
  if (typeof data !== 'object' || data === null || !('coversPosition' in data) || !('heads' in data)) return undefined;
  const { coversPosition, heads } = data;
  if (!Number.isInteger(coversPosition) || typeof heads !== 'object' || heads === null) return undefined;
  const kind = 'kind' in data ? data.kind : undefined;
  const readable = schemaVersion === 1 ? kind === undefined : schemaVersion === 2 && (kind === 'full' || kind === 'delta');
  if (!readable) return undefined;
  // Only a delta's entries count towards the next full one: a full one's are never counted.
  return { coversPosition: coversPosition as number, complete: kind !== 'delta', entries: kind === 'delta' ? Object.keys(heads).length : 0 };
}
