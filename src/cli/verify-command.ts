/**
 * `verify`: is the log intact? Locally with verifyLog over the store (progress on stderr),
 * remotely with GET /api/v1/audit/verify (an auditor's or admin's token). Exit 1 if not intact.
 */
import { verifyLog, type VerifyResult } from '../audit/verify-log.ts';
import { localConfig, openLocalStore } from './connect.ts';
import type { CliApi } from './http-client.ts';
import type { Messages } from './messages.ts';
import { createProgress, type Progress } from './progress.ts';

export type { VerifyResult } from '../audit/verify-log.ts';

export async function verifyLocal(dataDir: string | undefined, m: Messages): Promise<VerifyResult> {
  const store = await openLocalStore(localConfig(process.env, dataDir), { m });
  try {
    let progress: Progress | undefined;
    const result = await verifyLog(store, {
      onProgress: ({ eventsChecked, headPosition }) => {
        // Embedded positions count events from 1; EventStoreDB positions are offsets (total unknown).
        progress ??= createProgress('verify', store.kind === 'embedded' ? headPosition : undefined);
        progress.update(eventsChecked);
      },
    });
    progress?.finish(result.eventsChecked);
    return result;
  } finally {
    await store.close();
  }
}

export function verifyRemote(api: CliApi): Promise<VerifyResult> {
  return api.getJson<VerifyResult>('/audit/verify');
}

export function describeVerification(result: VerifyResult, m: Messages): string {
  if (result.intact) return m.verifyIntact(result.eventsChecked, result.upToPosition);
  return m.verifyBroken(result.position, result.streamId ?? undefined, result.reason, result.eventsChecked);
}
