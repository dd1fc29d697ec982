/**
 * Logs written before hash format v2 (event-hash.ts): their events carry v1 hashes (canonical
 * JSON). They still verify, new appends chain onto their heads in v2, and altering one of their
 * events is still caught.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventHashV1 } from '../../src/audit/event-hash.ts';
import { hashChained } from '../../src/audit/hash-chained-store.ts';
import { openLogReadOnly } from '../../src/audit/open-log-read-only.ts';
import { verifyLog } from '../../src/audit/verify-log.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';

/** Writes a stream of `count` events hashed in format v1, as an orgtrail before v2 stored them. */
async function writeV1Log(dataDir: string, streamId: string, count: number): Promise<void> {
  const store = await createSqliteEventStore({ dataDir });
  let previousHash: string | null = null;
  for (let revision = 0; revision < count; revision += 1) {
    const id = `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`;
    const data = { n: revision, name: 'Gabinetto' };
    const metadata = { orgId: 'milano', effectiveFrom: '2020-01-01' };
    const hash = eventHashV1({ streamId, revision, id, type: 'TestEvent', data, metadata }, previousHash);
    await store.append(streamId, [{ id, type: 'TestEvent', data, metadata: { ...metadata, integrity: { hash, previousHash } } }]);
    previousHash = hash;
  }
  await store.close();
}

describe('a log written in hash format v1', () => {
  let dataDir: string;
  const verify = async () => {
    const log = openLogReadOnly(dataDir);
    try {
      return await verifyLog(log);
    } finally {
      log.close();
    }
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'orgtrail-v1-log-'));
    await writeV1Log(dataDir, 'org-milano', 3);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given the untouched log, then it verifies intact', async () => {
    expect(await verify()).toMatchObject({ intact: true, upToPosition: 3, eventsChecked: 3 });
  });

  it('given new appends by this orgtrail, then they chain onto the v1 head and the whole log verifies', async () => {
    const store = hashChained(await createSqliteEventStore({ dataDir }));
    await store.append('org-milano', [{ type: 'TestEvent', data: { n: 3 }, metadata: { orgId: 'milano' } }]);
    const [v1Head, v2Event] = await store.readStream('org-milano', { fromRevision: 2 });
    await store.close();

    expect((v2Event?.metadata as { integrity: { previousHash: string } }).integrity.previousHash).toBe(
      (v1Head?.metadata as { integrity: { hash: string } }).integrity.hash,
    );
    expect(await verify()).toMatchObject({ intact: true, upToPosition: 4, eventsChecked: 4 });
  });

  it('given a v1 event altered on disk, then verification fails at it', async () => {
    const db = new Database(join(dataDir, 'orgtrail.sqlite'));
    db.exec(`UPDATE events SET data = '{"n":1,"name":"Altro"}' WHERE position = 2`);
    db.close();

    expect(await verify()).toMatchObject({ intact: false, position: 2, reason: expect.stringMatching(/does not match its hash/) });
  });
});
