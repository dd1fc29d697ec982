/**
 * Helpers to write checkpoints by hand (as an older version, or a dishonest checkpointer, would)
 * and to fold a log the way the checkpointer and verifyLog do.
 */
import { LogFold } from '../../src/audit/log-fold.ts';
import type { EventStore } from '../../src/store/event-store.ts';

/** Appends `data` as the next IntegrityCheckpointRecorded of schema `schemaVersion`, unvalidated. */
export async function appendCheckpoint(store: EventStore, data: unknown, schemaVersion = 2): Promise<number> {
  const revision = await store.streamRevision('audit-checkpoints');
  const metadata = { schemaVersion, recordedBy: 'test:checkpoints', correlationId: 'checkpoint-by-hand', causationId: null };
  const result = await store.append('audit-checkpoints', [{ type: 'IntegrityCheckpointRecorded', data, metadata }], { expectedRevision: revision ?? 'no_stream' });
  return result.position;
}

/** The whole log folded up to `upTo` (default: its head). */
export async function foldOf(store: EventStore, upTo = Number.MAX_SAFE_INTEGER): Promise<LogFold> {
  const fold = new LogFold();
  for (const event of await store.readAll()) if (event.position <= upTo) fold.apply(event);
  return fold;
}
