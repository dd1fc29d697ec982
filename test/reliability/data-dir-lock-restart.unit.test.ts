/**
 * Restart in a container: the new process often gets the same pid as the one that crashed
 * (pid 1), so a lock file naming our own pid is stale unless this process took it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '../../src/store/embedded/data-dir-lock.ts';

describe('data-dir lock naming this process pid', () => {
  let dir: string;
  let lockPath: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orgtrail-lock-'));
    lockPath = join(dir, 'orgtrail.lock');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('given a lock left by an earlier process with the same pid, when acquired, then it is taken over', () => {
    writeFileSync(lockPath, `${process.pid}\n`);

    const lock = acquireDataDirLock(lockPath);

    expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('given a lock this process holds, when acquired again, then it is refused until released', () => {
    const lock = acquireDataDirLock(lockPath);

    expect(() => acquireDataDirLock(lockPath)).toThrow(DataDirLockedError);
    lock.release();
    acquireDataDirLock(lockPath).release();
  });
});
