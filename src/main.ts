/**
 * Starts the service: parse config (fail fast), build, listen, and print the address actually
 * bound (so PORT=0 picks a free port that a supervisor or a test can read).
 *
 * Stopping (SIGTERM/SIGINT): stop accepting connections, end the live (SSE) streams, let
 * in-flight requests finish (at most SHUTDOWN_GRACE_MS, then the remaining connections are cut), then
 * close the store, which commits every pending append, so every acknowledged append is on
 * disk; exit 0. A failure while closing exits 1.
 *
 * Start-up failures an operator can act on (invalid configuration, data directory already in
 * use by another orgtrail, a bad store file or data directory, an unreadable stored event,
 * EventStoreDB unreachable) print one message naming the file or position and what to do, no
 * stack (unless ORGTRAIL_DEBUG=1), and exit 1, having changed nothing.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, parseConfig } from './config.ts';
import { createOrgtrail } from './create-orgtrail.ts';
import { missingServiceNodeFlags } from './service-node-flags.ts';
import { UnavailableError } from './errors.ts';
import { DataDirLockedError } from './store/embedded/data-dir-lock.ts';
import { StoreFileError } from './store/embedded/check-store-files.ts';
import { UnreadableEventError } from './store/event-store.ts';

const SHUTDOWN_GRACE_MS = 10_000;

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const missingFlags = missingServiceNodeFlags(process.execArgv, process.env.NODE_OPTIONS);
  if (missingFlags.length > 0) log(`note: started without the service's V8 flags ${missingFlags.join(' ')} (npm start passes them; see docs/performance.md): start-up folds the log more slowly`);
  const orgtrail = await createOrgtrail(config, { log });
  let stopping = false;
  // While stopping, every answer closes its connection, so keep-alive clients cannot hold the server open.
  const server = createServer((req, res) => {
    if (stopping) res.setHeader('Connection', 'close');
    orgtrail.app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  log(`orgtrail listening on http://${config.host}:${port} (store: ${orgtrail.store.kind})`);
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing (no new connections; waiting for in-flight requests)`);
    // Live streams never finish by themselves: end them now (clients reconnect elsewhere).
    orgtrail.live.close();
    const cutOff = setTimeout(() => {
      log(`still open after ${SHUTDOWN_GRACE_MS} ms: cutting the remaining connections`);
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    server.close(() => {
      clearTimeout(cutOff);
      orgtrail.close().then(
        () => {
          log('closed: every acknowledged append is durable');
          process.exit(0);
        },
        (error: unknown) => {
          process.stderr.write(`error while closing: ${String(error)}\n`);
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

const OPERATOR_ERRORS = [ConfigError, DataDirLockedError, StoreFileError, UnavailableError];

main().catch((error: unknown) => {
  const debug = process.env.ORGTRAIL_DEBUG === '1';
  const line =
    error instanceof UnreadableEventError ? `${error.message}. Nothing was changed; run npm run verify for the whole log, and restore it from a backup (npm run restore)`
    : OPERATOR_ERRORS.some((kind) => error instanceof kind) ? (error as Error).message
    : `${error instanceof Error ? error.message : String(error)} (unexpected: ORGTRAIL_DEBUG=1 prints the stack)`;
  process.stderr.write(`orgtrail: ${line}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
