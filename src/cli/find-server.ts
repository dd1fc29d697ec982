/**
 * Where a running orgtrail listens, found from its pid (the one in the data directory's lock):
 * the TCP sockets it holds in LISTEN state (Linux /proc: its fds' socket inodes matched against
 * /proc/net/tcp and tcp6), each confirmed by asking GET /api/v1/health. Undefined where /proc
 * cannot be read (another OS, another user's process) or nothing answers: the caller then says
 * it could not tell the port, rather than guessing one.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

interface Listener {
  host: string;
  port: number;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // the fd closed meanwhile
    }
  }
  return inodes;
}

/** The host to reach a listening address at: loopback for a wildcard, else the address itself. */
function hostOf(hex: string): string {
  if (hex.length === 8) {
    const ip = [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
    return ip === '0.0.0.0' ? '127.0.0.1' : ip;
  }
  return hex === '00000000000000000000000001000000' ? '[::1]' : '127.0.0.1';
}

function listeners(pid: number): Listener[] {
  const inodes = socketInodes(pid);
  const found: Listener[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (!local || state !== '0A' || !inode || !inodes.has(inode)) continue;
      const [address, port] = local.split(':') as [string, string];
      found.push({ host: hostOf(address), port: parseInt(port, 16) });
    }
  }
  return found;
}

async function answersHealth(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(1500) });
    const body = (await response.json()) as { status?: unknown };
    return response.ok && body.status === 'ok';
  } catch {
    return false;
  }
}

/** The base URL of the orgtrail with this pid, e.g. http://127.0.0.1:3000, if it can be found. */
export async function serverUrlOf(pid: number | null): Promise<string | undefined> {
  if (pid === null) return undefined;
  let candidates: Listener[];
  try {
    candidates = listeners(pid);
  } catch {
    return undefined;
  }
  for (const { host, port } of candidates) {
    const url = `http://${host}:${port}`;
    if (await answersHealth(url)) return url;
  }
  return undefined;
}
