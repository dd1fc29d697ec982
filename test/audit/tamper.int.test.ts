/**
 * Tampering with the SQLite file directly (as someone with access to the disk would) is caught
 * by verifyLog at the first failing position, with the reason. The log of every test:
 *
 *   1 a#0  2 a#1  3 a#2  4 b#0  5 b#1  6 a#3  7 checkpoint (covers 6)
 *   8 b#2  9 c#0  10 c#1  11 checkpoint (covers 10)  12 a#4
 *
 * The embedded store hands out positions without gaps, so a removed row is caught where it
 * was; on a store with gaps allowed (EventStoreDB: the same file read as `eventstoredb`), the
 * checkpoints catch removed streams and tails instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Checkpointer } from '../../src/audit/checkpointer.ts';
import { eventHash, integrityOf } from '../../src/audit/event-hash.ts';
import { hashChained } from '../../src/audit/hash-chained-store.ts';
import { openLogReadOnly } from '../../src/audit/open-log-read-only.ts';
import { verifyLog, type VerifiableStore, type VerifyResult } from '../../src/audit/verify-log.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import { testEvent } from '../contract/contract-fixtures.ts';

/** Every commit one second after the previous one, so that recordedAt differs from row to row. */
function tickingClock() {
  let seconds = 0;
  return () => new Date(Date.UTC(2024, 0, 1, 0, 0, seconds++));
}

async function buildLog(dataDir: string): Promise<void> {
  const store = hashChained(await createSqliteEventStore({ dataDir, clock: tickingClock() }));
  const checkpointer = new Checkpointer({ store, everyEvents: 0, intervalMs: 0 });
  await checkpointer.start();
  for (const stream of ['a', 'a', 'a', 'b', 'b', 'a']) await store.append(stream, [testEvent({ stream })]);
  await checkpointer.recordNow();
  for (const stream of ['b', 'c', 'c']) await store.append(stream, [testEvent({ stream })]);
  await checkpointer.recordNow();
  await store.append('a', [testEvent({ stream: 'a' })]);
  await checkpointer.stop();
  await store.close();
}

describe('verifyLog on a tampered embedded store', () => {
  let dataDir: string;
  const file = () => join(dataDir, 'orgtrail.sqlite');

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'orgtrail-tamper-'));
    await buildLog(dataDir);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Runs SQL on the file behind the store's back. */
  const tamper = (...statements: string[]) => {
    const db = new Database(file());
    for (const sql of statements) db.exec(sql);
    db.close();
  };
  const verify = async (kind: VerifiableStore['kind'] = 'embedded'): Promise<VerifyResult> => {
    const log = openLogReadOnly(dataDir);
    try {
      return await verifyLog({ ...log, kind });
    } finally {
      log.close();
    }
  };
  const row = (position: number) => {
    const db = new Database(file(), { readonly: true });
    try {
      return db.prepare('SELECT * FROM events WHERE position = ?').get(position) as Record<string, string | number>;
    } finally {
      db.close();
    }
  };

  it('given an untouched log, then it is intact up to its head, every checkpoint checked', async () => {
    expect(await verify()).toEqual({ intact: true, upToPosition: 12, eventsChecked: 12, streamsChecked: 4, checkpointsChecked: 2 });
    expect(await verify('eventstoredb')).toMatchObject({ intact: true, upToPosition: 12 });
  });

  it('given one byte of an event\'s data changed, then that event fails: its content does not match its hash', async () => {
    tamper(`UPDATE events SET data = replace(data, '"stream":"b"', '"stream":"B"') WHERE position = 5`);

    expect(await verify()).toMatchObject({ intact: false, position: 5, streamId: 'b', reason: expect.stringMatching(/does not match its hash/), eventsChecked: 4 });
  });

  it('given one byte of an event\'s metadata changed, then that event fails', async () => {
    tamper(`UPDATE events SET metadata = replace(metadata, '"test":"contract"', '"test":"contrast"') WHERE position = 9`);

    expect(await verify()).toMatchObject({ intact: false, position: 9, streamId: 'c', reason: expect.stringMatching(/altered/) });
  });

  it('given a row deleted, then its position is reported missing', async () => {
    tamper('DELETE FROM events WHERE position = 4');

    expect(await verify()).toMatchObject({ intact: false, position: 4, reason: expect.stringMatching(/positions 4 to 4 are missing/) });
  });

  it('given a row deleted on a store that allows gaps, then the next event of its stream fails: a revision is missing', async () => {
    tamper('DELETE FROM events WHERE position = 4');

    expect(await verify('eventstoredb')).toMatchObject({ intact: false, position: 5, streamId: 'b', reason: expect.stringMatching(/revisions 0 to 0 were removed/) });
  });

  it('given the payloads of two rows swapped, then the first of them fails', async () => {
    const [second, third] = [row(2), row(3)];
    const db = new Database(file());
    const swap = db.prepare('UPDATE events SET event_id = ?, data = ?, metadata = ? WHERE position = ?');
    swap.run(third.event_id, third.data, third.metadata, 2);
    swap.run(second.event_id, second.data, second.metadata, 3);
    db.close();

    expect(await verify()).toMatchObject({ intact: false, position: 2, streamId: 'a', reason: expect.stringMatching(/previousHash does not match/) });
  });

  it('given a whole stream deleted, then its first position is reported missing', async () => {
    tamper(`DELETE FROM events WHERE stream_id = 'c'`);

    expect(await verify()).toMatchObject({ intact: false, position: 9, reason: expect.stringMatching(/positions 9 to 10 are missing/) });
  });

  it('given a whole stream deleted on a store that allows gaps, then the checkpoint that recorded it fails', async () => {
    tamper(`DELETE FROM events WHERE stream_id = 'c'`);

    expect(await verify('eventstoredb')).toMatchObject({ intact: false, position: 11, streamId: 'c', reason: expect.stringMatching(/stream c is missing/) });
  });

  it('given a whole stream deleted and the later positions renumbered to hide the gap, then the checkpoint after it fails', async () => {
    tamper(`DELETE FROM events WHERE stream_id = 'c'`, 'UPDATE events SET position = -position WHERE position > 10', 'UPDATE events SET position = -position - 2 WHERE position < 0');

    expect(await verify()).toMatchObject({ intact: false, position: 9, streamId: 'audit-checkpoints', reason: expect.stringMatching(/checkpoint covers position 10/) });
  });

  it('given a stream tail covered by a checkpoint removed, on a store that allows gaps, then that checkpoint fails: the tail was removed', async () => {
    tamper('DELETE FROM events WHERE position = 6');

    expect(await verify()).toMatchObject({ intact: false, position: 6 });
    expect(await verify('eventstoredb')).toMatchObject({ intact: false, position: 7, streamId: 'a', reason: expect.stringMatching(/ends at revision 2 .* records revision 3: its tail was removed/) });
  });

  it('given a stream tail recorded after one checkpoint and before the next removed, then the position, or the next checkpoint, fails', async () => {
    tamper('DELETE FROM events WHERE position = 8');

    expect(await verify()).toMatchObject({ intact: false, position: 8 });
    expect(await verify('eventstoredb')).toMatchObject({ intact: false, position: 11, streamId: 'b', reason: expect.stringMatching(/its tail was removed/) });
  });

  it('given a forged row appended with a made-up hash, then it fails', async () => {
    const template = row(8);
    const db = new Database(file());
    db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, 3, ?, ?, ?, ?, ?)').run(
      'b', '00000000-0000-4000-8000-00000000f0f0', template.type, '{"forged":true}', template.metadata, '2024-01-01T00:01:00.000Z',
    );
    db.close();

    expect(await verify()).toMatchObject({ intact: false, position: 13, streamId: 'b', reason: expect.stringMatching(/previousHash does not match/) });
  });

  it('given a forged row with a correctly recomputed hash slipped in before a checkpoint, then that checkpoint fails: events were inserted', async () => {
    const previous = integrityOf(JSON.parse(String(row(8).metadata)));
    const forged = { streamId: 'b', revision: 3, id: '00000000-0000-4000-8000-00000000f0f0', type: 'TestEvent', data: { forged: true }, metadata: { test: 'forged' } };
    const hash = eventHash(forged, previous?.hash ?? null);
    tamper('UPDATE events SET position = -position WHERE position >= 9', 'UPDATE events SET position = -position + 1 WHERE position < 0');
    const db = new Database(file());
    db.prepare('INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (9, ?, 3, ?, ?, ?, ?, ?)').run(
      'b', forged.id, forged.type, JSON.stringify(forged.data), JSON.stringify({ ...forged.metadata, integrity: { hash, previousHash: previous?.hash } }), String(row(8).recorded_at),
    );
    db.close();

    expect(await verify()).toMatchObject({ intact: false, position: 12, streamId: 'b', reason: expect.stringMatching(/reaches revision 3 .* records revision 2: events were inserted/) });
  });

  it('given the recordedAt of an event moved (still in order), then the checkpoint covering it fails on the log digest', async () => {
    tamper(`UPDATE events SET recorded_at = (SELECT recorded_at FROM events WHERE position = 2) WHERE position = 3`);

    expect(await verify()).toMatchObject({ intact: false, position: 7, reason: expect.stringMatching(/log digest .* recordedAt/) });
  });

  it('given the recordedAt of an event moved before its predecessor\'s, then that event fails', async () => {
    tamper(`UPDATE events SET recorded_at = '2023-12-31T00:00:00.000Z' WHERE position = 5`);

    expect(await verify()).toMatchObject({ intact: false, position: 5, reason: expect.stringMatching(/earlier than the previous event's/) });
  });

  it('known limit: the last events after the last checkpoint removed, the log alone still verifies, up to the shorter head', async () => {
    tamper('DELETE FROM events WHERE position = 12');

    expect(await verify()).toMatchObject({ intact: true, upToPosition: 11 });
  });
});
