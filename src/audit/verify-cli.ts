/**
 * `npm run verify`: verifies the log (ORGTRAIL_DATA_DIR, or ESDB_CONNECTION_STRING) and exits 0
 * if it is intact, 1 if not, 2 if it could not be verified. Safe while a server runs: the
 * embedded store is opened read-only, without its lock. Progress goes to stderr (on a
 * terminal), the verdict to stdout.
 */
import { describeVerdict, verifyConfiguredStore } from './verify-store.ts';

async function main(): Promise<void> {
  const progress = process.stderr.isTTY
    ? ({ eventsChecked, headPosition }: { eventsChecked: number; headPosition: number }) =>
        process.stderr.write(`\rverifying: ${eventsChecked} events checked (head ${headPosition})`)
    : undefined;
  const result = await verifyConfiguredStore(process.env, { onProgress: progress });
  if (progress) process.stderr.write('\n');
  process.stdout.write(`${describeVerdict(result)}\n`);
  process.exitCode = result.intact ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`verification failed to run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
