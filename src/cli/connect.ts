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
import { serverUrlOf } from './find-server.ts';
import { createCliApi, type CliApi } from './http-client.ts';
import type { Messages } from './messages.ts';

export interface ConnectOptions {
  url?: string;
  token?: string;
  dataDir?: string;
  /** Local mode only: create the store if it does not exist yet (import); reads refuse a missing one. */
  createStore?: boolean;
  /** The language of the messages. */
  m: Messages;
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

/**
 * Opens the local store (embedded in the data directory, or EventStoreDB). When a server holds
 * the data directory, the message names the URL that server really answers at (found from the
 * lock's pid), so that the suggested --url works as given.
 */
export async function openLocalStore(config: Config, options: { createStore?: boolean; m: Messages }): Promise<EventStore> {
  if (!config.esdbConnectionString && !options.createStore && !existsSync(join(config.dataDir, 'orgtrail.sqlite'))) {
    throw new CliFailure(options.m.noStore(config.dataDir));
  }
  try {
    return await createEventStore(config);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new CliFailure(options.m.dataDirLocked(config.dataDir, error.ownerPid, await serverUrlOf(error.ownerPid)));
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
    return { api: createCliApi(options.url, options.token ?? env['ORGTRAIL_TOKEN'], options.m), close: async () => {} };
  }
  const local = await openLocal(options, env);
  const server = await new Promise<ReturnType<typeof local.app.listen>>((resolve, reject) => {
    const s = local.app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    api: createCliApi(`http://127.0.0.1:${port}`, local.config.adminToken, options.m),
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
