/**
 * Starts the service: parse config (fail fast), build, listen. On SIGTERM/SIGINT it stops
 * accepting connections, lets in-flight requests finish, then closes the store so every
 * acknowledged append is on disk.
 */
import { ConfigError, parseConfig } from './config.ts';
import { createOrgtrail } from './create-orgtrail.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const orgtrail = await createOrgtrail(config, { log });
  const server = orgtrail.app.listen(config.port, config.host, () => {
    log(`orgtrail listening on http://${config.host}:${config.port} (store: ${orgtrail.store.kind})`);
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing`);
    server.close(() => {
      orgtrail.close().then(
        () => process.exit(0),
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

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
