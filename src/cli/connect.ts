/**
 * One code path for both modes: every command talks to the HTTP API. With --url it is a
 * running server; otherwise (local mode) the app is built in this process by the composition
 * root over the configured store (ORGTRAIL_DATA_DIR, or ESDB_CONNECTION_STRING), without seeds,
 * and served on an ephemeral 127.0.0.1 port with a random admin token known only to this
 * process. Local mode also exposes the store and command service for import/rebuild/verify.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseConfig, type Config } from '../config.ts';
import { createOrgtrail, type Orgtrail } from '../create-orgtrail.ts';
import { createEventStore } from '../store/create-event-store.ts';
import { DataDirLockedError } from '../store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../store/event-store.ts';
import { CliFailure } from './cli-errors.ts';
import { createCliApi, type CliApi } from './http-client.ts';

export interface ConnectOptions {
  url?: string;
  token?: string;
  dataDir?: string;
  /** Local mode only: create the store if it does not exist yet (import); reads refuse a missing one. */
  createStore?: boolean;
}

export interface Session {
  api: CliApi;
  /** Present in local mode only. */
  local?: Orgtrail & { config: Config };
  close(): Promise<void>;
}

export function localConfig(env: NodeJS.ProcessEnv, dataDir: string | undefined): Config {
  return parseConfig({
    ...env,
    ...(dataDir !== undefined ? { ORGTRAIL_DATA_DIR: dataDir } : {}),
    ORGTRAIL_SEED: 'none',
    ORGTRAIL_ADMIN_TOKEN: randomBytes(24).toString('hex'),
  });
}

/** Opens the local store (embedded in the data directory, or EventStoreDB) with a clear message when a server holds it. */
export async function openLocalStore(config: Config, options: { createStore?: boolean } = {}): Promise<EventStore> {
  if (!config.esdbConnectionString && !options.createStore && !existsSync(join(config.dataDir, 'orgtrail.sqlite'))) {
    throw new CliFailure(`no orgtrail store in ${config.dataDir}: run \`orgtrail import\` first, or pass --data-dir, or ask a server with --url`);
  }
  try {
    return await createEventStore(config);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new CliFailure(
        `the data directory ${config.dataDir} is in use by a running orgtrail (pid ${error.ownerPid ?? 'unknown'}).\n` +
          '  Ask that server instead: --url http://127.0.0.1:3000 (and --token for audit commands and exports).',
      );
    }
    throw error;
  }
}

export async function openLocal(options: ConnectOptions, env: NodeJS.ProcessEnv = process.env): Promise<Orgtrail & { config: Config }> {
  const config = localConfig(env, options.dataDir);
  const store = await openLocalStore(config, options);
  return { ...(await createOrgtrail(config, { store })), config };
}

export async function connect(options: ConnectOptions, env: NodeJS.ProcessEnv = process.env): Promise<Session> {
  if (options.url !== undefined) {
    return { api: createCliApi(options.url, options.token ?? env['ORGTRAIL_TOKEN']), close: async () => {} };
  }
  const local = await openLocal(options, env);
  const server = await new Promise<ReturnType<typeof local.app.listen>>((resolve, reject) => {
    const s = local.app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    api: createCliApi(`http://127.0.0.1:${port}`, local.config.adminToken),
    local,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await local.close();
    },
  };
}
