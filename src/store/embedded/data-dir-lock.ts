/**
 * Exclusive use of a data directory by one process, so that two orgtrails never write one
 * store. The lock file is created with O_EXCL (flag 'wx': creation fails if it exists) and
 * holds the owner's pid. A lock whose pid is no longer alive was left by a crash and is taken
 * over, and so is a lock naming this process's own pid that this process did not take: it was
 * left by an earlier process that had the same pid (a container's pid 1 after a restart).
 * Known limits: a dead owner's pid reused by an unrelated process keeps the lock (the
 * error says how to recover), and the takeover of a stale lock re-reads the file just before
 * removing it, which narrows but does not close the race between two processes taking over
 * the same stale lock at the same instant.
 */
import { closeSync, fsyncSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    /** The pid in the lock file, or null when the file is unreadable. */
    readonly ownerPid: number | null,
  ) {
    const owner =
      ownerPid === null ? 'an unknown process (the lock file is unreadable)'
      : ownerPid === process.pid ? `this process (pid ${ownerPid})`
      : `running process ${ownerPid}`;
    super(
      `data directory is locked: ${lockPath} is held by ${owner}. ` +
        'Another orgtrail is using this data directory; stop it, or delete the lock file if no orgtrail is running.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. */
  release(): void;
}

const TAKEOVER_ATTEMPTS = 3;

/** Lock files this process holds (absolute paths). */
const heldByThisProcess = new Set<string>();

export function acquireDataDirLock(lockPath: string): DataDirLock {
  for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt += 1) {
    if (tryCreate(lockPath)) {
      heldByThisProcess.add(resolve(lockPath));
      return { path: lockPath, release: () => release(lockPath) };
    }
    const owner = readOwner(lockPath);
    if (owner === 'gone') continue;
    const leftByEarlierIncarnation = owner === process.pid && !heldByThisProcess.has(resolve(lockPath));
    if (owner === null || (isAlive(owner) && !leftByEarlierIncarnation)) throw new DataDirLockedError(lockPath, owner);
    if (readOwner(lockPath) === owner) removeIfExists(lockPath);
  }
  throw new Error(`could not acquire ${lockPath}: other processes keep taking it over`);
}

function tryCreate(lockPath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The pid in the lock file; null if its content is not a pid; 'gone' if it no longer exists. */
function readOwner(lockPath: string): number | null | 'gone' {
  let content: string;
  try {
    content = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    throw error;
  }
  const pid = Number(content.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function release(lockPath: string): void {
  if (!heldByThisProcess.delete(resolve(lockPath))) return;
  if (readOwner(lockPath) === process.pid) removeIfExists(lockPath);
}

function removeIfExists(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
