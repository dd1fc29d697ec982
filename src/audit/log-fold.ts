/**
 * The state of the log up to a global position that a checkpoint records: the head (revision,
 * hash) of every stream, the number of events, and the log digest — a running SHA-256 over
 * (position, recordedAt, streamId, revision, hash) of every event in position order. The
 * digest binds what the per-stream hashes cannot (the store assigns them at commit): positions,
 * recordedAt, and the interleaving of streams. The checkpointer and verifyLog fold the log with
 * this one class, so that they agree by construction.
 */
import type { IntegrityCheckpointRecorded, StreamHeadRecord } from '../../events/system/types.ts';
import type { RecordedEvent } from '../store/event-store.ts';
import { canonicalJson } from './canonical-json.ts';
import { integrityOf, sha256Hex } from './event-hash.ts';

/** The digest of the empty log. */
export const GENESIS_DIGEST = sha256Hex('orgtrail-log-digest-v1');

export class LogFold {
  readonly heads: Map<string, StreamHeadRecord>;
  position: number;
  eventCount: number;
  logDigest: string;

  constructor(from?: IntegrityCheckpointRecorded) {
    this.heads = new Map(Object.entries(from?.heads ?? {}));
    this.position = from?.coversPosition ?? -1;
    this.eventCount = from?.eventCount ?? 0;
    this.logDigest = from?.logDigest ?? GENESIS_DIGEST;
  }

  /** Folds the next event (position order); returns the head the stream had before, if any. */
  apply(event: RecordedEvent): StreamHeadRecord | undefined {
    const before = this.heads.get(event.streamId);
    const hash = integrityOf(event.metadata)?.hash ?? null;
    this.heads.set(event.streamId, { revision: event.revision, hash });
    this.logDigest = nextDigest(this.logDigest, event, hash);
    this.position = event.position;
    this.eventCount += 1;
    return before;
  }

  /** The checkpoint data of the state folded so far. Heads are listed in stream-id order. */
  checkpoint(): IntegrityCheckpointRecorded {
    const heads = Object.fromEntries([...this.heads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { coversPosition: this.position, eventCount: this.eventCount, logDigest: this.logDigest, heads };
  }
}

export function nextDigest(previous: string, event: RecordedEvent, hash: string | null): string {
  return sha256Hex(`${previous}\n${canonicalJson([event.position, event.recordedAt, event.streamId, event.revision, hash])}`);
}
