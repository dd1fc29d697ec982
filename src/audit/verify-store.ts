/**
 * Verification of the store the configuration names, for `npm run verify` (verify-cli.ts) and
 * the ops CLI. The embedded store (ORGTRAIL_DATA_DIR) is opened read-only and without its lock,
 * so it may run while a server uses the store; with ESDB_CONNECTION_STRING it verifies
 * EventStoreDB.
 */
import { parseConfig } from '../config.ts';
import { createEsdbEventStore } from '../store/eventstoredb/esdb-event-store.ts';
import { openLogReadOnly } from './open-log-read-only.ts';
import { verifyLog, type VerifyOptions, type VerifyResult } from './verify-log.ts';

/** Verifies the store the configuration names (what `npm run verify` and the ops CLI run). */
export async function verifyConfiguredStore(env: Record<string, string | undefined>, options: VerifyOptions = {}): Promise<VerifyResult> {
  const config = parseConfig(env);
  if (config.esdbConnectionString) {
    const store = await createEsdbEventStore(config.esdbConnectionString);
    try {
      return await verifyLog(store, options);
    } finally {
      await store.close();
    }
  }
  const log = openLogReadOnly(config.dataDir);
  try {
    return await verifyLog(log, options);
  } finally {
    log.close();
  }
}

export function describeVerdict(result: VerifyResult): string {
  const counts = `${result.eventsChecked} events, ${result.streamsChecked} streams, ${result.checkpointsChecked} checkpoints checked`;
  if (result.intact) return `intact up to position ${result.upToPosition} (${counts})`;
  return `NOT intact: first failing position ${result.position}${result.streamId ? ` (stream ${result.streamId})` : ''}: ${result.reason} (${counts})`;
}
