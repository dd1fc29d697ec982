/**
 * The checkpointer's start: the fold and the checkpoint chain as of the last checkpoint, rebuilt
 * from the checkpoint stream alone — read backwards to the last complete checkpoint (v1, or v2
 * `full`), then the deltas after it applied in order. That reads at most about two full
 * checkpoints' worth (the rule of checkpoint-chain.ts), never the log itself.
 *
 * Guarantee: the result equals folding the whole log up to the last checkpoint's coversPosition
 * when the checkpoints are honest (verifyLog checks that they are). If one of them does not match
 * its schema, a delta does not follow the checkpoint before it, or its streamCount disagrees with
 * the heads it completes, it says why and starts from the empty log instead (the whole log is
 * folded, as before checkpoints existed).
 */
import { SYSTEM_STREAMS } from '../../events/system-catalogue.ts';
import type { CompleteCheckpoint, DeltaCheckpoint } from '../../events/system/types.ts';
import type { EventStore, RecordedEvent } from '../store/event-store.ts';
import { CheckpointChain, isComplete, readCheckpoint, type CheckpointData } from './checkpoint-chain.ts';
import { LogFold } from './log-fold.ts';

export interface Resumed {
  fold: LogFold;
  chain: CheckpointChain;
  /** Position of the last checkpoint event, whether readable or not; -1: none. */
  lastCheckpointAt: number;
}

const PAGE_SIZE = 100;

interface Found<T extends CheckpointData> {
  event: RecordedEvent;
  data: T;
}

export async function resumeFromCheckpoints(store: Pick<EventStore, 'readStream'>, log?: (line: string) => void): Promise<Resumed> {
  const [last] = await store.readStream(SYSTEM_STREAMS.integrityCheckpoints, { direction: 'backwards', maxCount: 1 });
  const lastCheckpointAt = last?.position ?? -1;
  if (last === undefined) return { fold: new LogFold(), chain: new CheckpointChain(), lastCheckpointAt };
  try {
    const { complete, deltas } = await backToComplete(store, last.revision);
    const fold = new LogFold(complete.data);
    const chain = new CheckpointChain();
    chain.noteCheckpoint(complete.event, true);
    for (const { event, data: delta } of deltas) {
      const { position } = event;
      if (delta.sinceCoversPosition !== fold.position) {
        throw new Error(`the delta checkpoint at position ${position} follows position ${delta.sinceCoversPosition}, not the previous checkpoint's ${fold.position}`);
      }
      fold.applyDelta(delta);
      if (fold.heads.size !== delta.streamCount) throw new Error(`the delta checkpoint at position ${position} counts ${delta.streamCount} streams; with the checkpoints before it there are ${fold.heads.size}`);
      chain.noteCheckpoint(event, true);
    }
    return { fold, chain, lastCheckpointAt };
  } catch (error) {
    log?.(`checkpointer: not resuming from the checkpoints (${error instanceof Error ? error.message : String(error)}); folding the whole log`);
    return { fold: new LogFold(), chain: new CheckpointChain(), lastCheckpointAt };
  }
}

/** The last complete checkpoint at or before revision `head` and the deltas after it (oldest first); throws if one is invalid or none is complete. */
async function backToComplete(store: Pick<EventStore, 'readStream'>, head: number): Promise<{ complete: Found<CompleteCheckpoint>; deltas: Found<DeltaCheckpoint>[] }> {
  const deltas: Found<DeltaCheckpoint>[] = [];
  for (let fromRevision = head; fromRevision >= 0; fromRevision -= PAGE_SIZE) {
    for (const event of await store.readStream(SYSTEM_STREAMS.integrityCheckpoints, { direction: 'backwards', fromRevision, maxCount: PAGE_SIZE })) {
      let data: CheckpointData;
      try {
        data = readCheckpoint(event);
      } catch (error) {
        throw new Error(`the checkpoint at position ${event.position} is invalid: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (isComplete(data)) return { complete: { event, data }, deltas: deltas.reverse() };
      deltas.push({ event, data });
    }
  }
  throw new Error('no full checkpoint precedes the delta checkpoints');
}
