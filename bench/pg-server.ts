/**
 * A throw-away PostgreSQL server for the peer (`--pg auto`) and its test: initdb into a
 * temporary directory, listening on 127.0.0.1 only (no Unix socket outside that directory),
 * trust authentication for the local user, stopped and deleted by `stop()`. Undefined with the
 * reason when no PostgreSQL binaries are found (PATH, or /usr/lib/postgresql/<version>/bin).
 * PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user
 * (runuser), which must exist.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface TemporaryPostgres {
  url: string;
  version: string;
  stop(): void;
}

function binDir(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(':').find((dir) => dir !== '' && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startTemporaryPostgres(): Promise<TemporaryPostgres | { skipped: string }> {
  const bin = binDir();
  if (bin === undefined) return { skipped: 'no PostgreSQL binaries (initdb, pg_ctl) on PATH or under /usr/lib/postgresql' };
  const asRoot = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    try {
      owner = { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
    } catch {
      return { skipped: 'running as root, and there is no postgres system user to run PostgreSQL as (it refuses root)' };
    }
  }
  const user = asRoot ? 'postgres' : userInfo().username;
  const dir = mkdtempSync(join(tmpdir(), 'orgtrail-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const run = (tool: string, args: string[]) =>
    (asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe', cwd: dir }) : execFileSync(join(bin, tool), args, { stdio: 'pipe' })).toString();
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', user, '--no-sync', '-E', 'UTF8']);
    // Settings of a small dedicated server: data fits in shared buffers; durability off (only reads are compared).
    const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c shared_buffers=512MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_wal_size=4GB`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { skipped: `could not start PostgreSQL from ${bin}: ${String(error).slice(0, 300)}` };
  }
  const version = run('postgres', ['--version']).trim();
  return {
    url: `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/postgres`,
    version,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
