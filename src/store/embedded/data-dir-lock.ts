/**
 * Exclusive use of a data directory by one process, so that two orgtrails never write one
 * store. The lock file holds the owner's pid and appears whole or not at all: the pid is written
 * and fsynced to a file of this process's own, which is then hard-linked to the lock's name (the
 * link fails if the lock exists). So a lock file that is empty or does not hold a pid was never
 * a live owner's (it was left by an older orgtrail, or by a crash on a full disk) and is taken
 * over, with a log line. So is a lock whose pid is no longer alive (left by a crash), and a lock
 * naming this process's own pid that this process did not take: it was left by an earlier
 * process that had the same pid (a container's pid 1 after a restart).
 * Known limits: a dead owner's pid reused by an unrelated process keeps the lock (the
 * error says how to recover), and the takeover of a stale lock re-reads the file just before
 * removing it, which narrows but does not close the race between two processes taking over
 * the same stale lock at the same instant.
 */
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    /** The pid in the lock file. */
    readonly ownerPid: number,
  ) {
    const owner = ownerPid === process.pid ? `this process (pid ${ownerPid})` : `running process ${ownerPid}`;
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

/** `log`: told of every stale lock taken over (which file, and why it was stale). */
export function acquireDataDirLock(lockPath: string, log: (line: string) => void = () => {}): DataDirLock {
  for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt += 1) {
    if (tryCreate(lockPath)) {
      heldByThisProcess.add(resolve(lockPath));
      return { path: lockPath, release: () => release(lockPath) };
    }
    const owner = readOwner(lockPath);
    if (owner === 'gone') continue;
    const leftByEarlierIncarnation = owner === process.pid && !heldByThisProcess.has(resolve(lockPath));
    if (typeof owner === 'number' && isAlive(owner) && !leftByEarlierIncarnation) throw new DataDirLockedError(lockPath, owner);
    if (readOwner(lockPath) !== owner) continue;
    removeIfExists(lockPath);
    const why = owner === null ? 'it holds no pid (left by a crash while it was being written)' : leftByEarlierIncarnation ? `its pid ${owner} is this process's, left by an earlier process with the same pid` : `its owner, process ${owner}, is gone`;
    log(`orgtrail: took over the stale lock ${lockPath}: ${why}`);
  }
  throw new Error(`could not acquire ${lockPath}: other processes keep taking it over`);
}

/** Creates the lock file with this process's pid, whole, unless it exists. */
function tryCreate(lockPath: string): boolean {
  const draft = `${lockPath}.${process.pid}.tmp`;
  const fd = openSync(draft, 'w');
  try {
    writeSync(fd, `${process.pid}\n`);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    removeIfExists(draft);
    throw error;
  }
  closeSync(fd);
  try {
    linkSync(draft, lockPath);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(errorCode(error))) throw error;
    return tryCreateExclusive(lockPath);
  } finally {
    removeIfExists(draft);
  }
}

/** What link() fails with on a file system without hard links. */
const NO_HARD_LINKS = new Set<unknown>(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** The fallback where hard links are missing: O_EXCL creation, then the pid (briefly empty). */
function tryCreateExclusive(lockPath: string): boolean {
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
