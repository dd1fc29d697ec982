/**
 * verifyLog over incremental checkpoints: an honest log mixing v1 and v2 (full and delta)
 * checkpoints is intact; a delta is checked against the log up to the position it covers — its
 * heads, its completeness (every stream changed since the previous checkpoint is listed), the
 * number of streams and events, the log digest, and that it follows the previous checkpoint —
 * and a stream that only an earlier full checkpoint lists stays bound by it.
 *
 * The dishonest deltas are written by hand, correctly chained, as a faulty or forged
 * checkpointer would; each starts from the honest delta, which verifies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeltaCheckpoint } from '../../events/system/types.ts';
import { Checkpointer } from '../../src/audit/checkpointer.ts';
import { eventHash } from '../../src/audit/event-hash.ts';
import { hashChained } from '../../src/audit/hash-chained-store.ts';
import { openLogReadOnly } from '../../src/audit/open-log-read-only.ts';
import { verifyLog } from '../../src/audit/verify-log.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { testEvent } from '../contract/contract-fixtures.ts';
import { appendCheckpoint, foldOf } from './checkpoint-fixtures.ts';

const appendTo = async (store: EventStore, ...streams: string[]) => {
  for (const stream of streams) await store.append(stream, [testEvent({ stream })]);
};

describe('verifyLog with delta checkpoints written by hand', () => {
  let store: EventStore;
  afterEach(() => store.close());

  /**
   * 1 a#0  2 b#0  3 full (covers 2)  4 c#0  5 a#1  [delta (covers 5) appended at 7]  6 d#0
   * The delta covers 5, not 6: d is rolled back (not listed, not counted).
   */
  const honestDelta = async (): Promise<DeltaCheckpoint> => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    await appendTo(store, 'a', 'b');
    await appendCheckpoint(store, (await foldOf(store)).fullCheckpoint());
    await appendTo(store, 'c', 'a');
    const delta = (await foldOf(store)).deltaCheckpoint(2, ['audit-checkpoints', 'c', 'a']);
    await appendTo(store, 'd');
    return delta;
  };

  it('given the honest delta, then the log is intact, both checkpoints checked', async () => {
    const delta = await honestDelta();
    await appendCheckpoint(store, delta);

    expect(delta).toMatchObject({ coversPosition: 5, streamCount: 4, eventCount: 5 });
    expect(await verifyLog(store)).toMatchObject({ intact: true, upToPosition: 7, checkpointsChecked: 2 });
  });

  it('given a delta that leaves out a stream changed since the previous checkpoint, then it fails: the stream is not in it', async () => {
    const { heads: { c: _c, ...heads }, ...delta } = await honestDelta();
    await appendCheckpoint(store, { ...delta, heads });

    expect(await verifyLog(store)).toMatchObject({
      intact: false, position: 7, streamId: 'c',
      reason: 'stream c (revision 0) changed after position 2 but is not in the delta checkpoint: it was inserted before position 5',
    });
  });

  it('given a stream named like an object member (constructor) left out of a delta, then it fails: only an own member of heads counts as listed', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    await appendTo(store, 'a');
    const fullCover = (await foldOf(store)).fullCheckpoint().coversPosition;
    await appendCheckpoint(store, (await foldOf(store)).fullCheckpoint());
    await appendTo(store, 'constructor');
    const { heads: { constructor: _left, ...heads }, ...delta } = (await foldOf(store)).deltaCheckpoint(fullCover, ['audit-checkpoints', 'constructor']);
    await appendCheckpoint(store, { ...delta, heads });

    expect(await verifyLog(store)).toMatchObject({ intact: false, streamId: 'constructor', reason: expect.stringContaining('stream constructor (revision 0) changed after position') });
  });

  it('given a delta that lists a stream unchanged since the previous checkpoint, then it fails: that stream has no event in between', async () => {
    const delta = await honestDelta();
    const b = (await foldOf(store)).heads.get('b')!;
    await appendCheckpoint(store, { ...delta, heads: { ...delta.heads, b } });

    expect(await verifyLog(store)).toMatchObject({ intact: false, position: 7, streamId: 'b', reason: 'stream b is in the delta checkpoint but has no event between positions 2 and 5' });
  });

  it('given a delta whose sinceCoversPosition is not the previous checkpoint\'s coversPosition, then it fails naming both', async () => {
    const delta = await honestDelta();
    await appendCheckpoint(store, { ...delta, sinceCoversPosition: 1 });

    expect(await verifyLog(store)).toMatchObject({
      intact: false, position: 7, streamId: 'audit-checkpoints',
      reason: 'delta checkpoint since position 1, but the previous checkpoint covers position 2',
    });
  });

  it('given a delta with no checkpoint before it, then it fails', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    await appendTo(store, 'a');
    await appendCheckpoint(store, (await foldOf(store)).deltaCheckpoint(-1, ['a']));

    expect(await verifyLog(store)).toMatchObject({ intact: false, position: 2, reason: 'delta checkpoint since position -1, but no checkpoint precedes it' });
  });

  it('given a delta counting one stream fewer than the log has (a stream inserted into the log), then it fails on the stream count', async () => {
    const delta = await honestDelta();
    await appendCheckpoint(store, { ...delta, streamCount: delta.streamCount - 1 });

    expect(await verifyLog(store)).toMatchObject({
      intact: false, position: 7,
      reason: '4 streams have events up to position 5; the checkpoint records 3: a stream was inserted',
    });
  });

  it('given a delta counting one stream more than the log has (a stream removed from the log), then it fails on the stream count: a stream was removed', async () => {
    const delta = await honestDelta();
    await appendCheckpoint(store, { ...delta, streamCount: delta.streamCount + 1 });

    expect(await verifyLog(store)).toMatchObject({ intact: false, position: 7, reason: expect.stringMatching(/^4 streams .* records 5: a stream was removed$/) });
  });

  it('given a delta whose listed head is behind the log, then it fails as a full checkpoint would: events were inserted', async () => {
    const delta = await honestDelta();
    await appendCheckpoint(store, { ...delta, heads: { ...delta.heads, a: { ...delta.heads.a!, revision: 0 } } });

    expect(await verifyLog(store)).toMatchObject({ intact: false, position: 7, streamId: 'a', reason: expect.stringMatching(/reaches revision 1 .* records revision 0: events were inserted/) });
  });

  it('given a delta with a wrong event count, then it fails on it', async () => {
    const delta = await honestDelta();
    await appendCheckpoint(store, { ...delta, eventCount: 6 });

    expect(await verifyLog(store)).toMatchObject({ intact: false, position: 7, reason: '5 events up to position 5; the checkpoint records 6' });
  });
});

describe('verifyLog keeping few head changes in memory', () => {
  /** 1 a#0  2 b#0  3 full (covers 2)  4..8 c#0 d#0 e#0 f#0 a#1, then a delta covering 8. */
  const build = async (leaveOut?: string) => {
    const store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    await appendTo(store, 'a', 'b');
    await appendCheckpoint(store, (await foldOf(store)).fullCheckpoint());
    await appendTo(store, 'c', 'd', 'e', 'f', 'a');
    const changed = ['audit-checkpoints', 'c', 'd', 'e', 'f', 'a'].filter((stream) => stream !== leaveOut);
    await appendCheckpoint(store, (await foldOf(store)).deltaCheckpoint(2, changed));
    return store;
  };

  it('given the changes between two checkpoints exceed what is kept, then an honest delta still verifies', async () => {
    const store = await build();

    expect(await verifyLog(store, { maxRollback: 2 })).toMatchObject({ intact: true, checkpointsChecked: 2 });
    await store.close();
  });

  it('given a delta that leaves out a stream whose change was no longer kept in memory, then it still fails: the stream is not in it', async () => {
    const store = await build('c');

    expect(await verifyLog(store, { maxRollback: 2 })).toMatchObject({ intact: false, position: 9, streamId: 'c', reason: expect.stringMatching(/^stream c \(revision 0\) changed after position 2 but is not in the delta checkpoint/) });
    await store.close();
  });
});

describe('verifyLog over checkpoints the checkpointer wrote', () => {
  let dataDir: string | undefined;
  afterEach(() => dataDir && rmSync(dataDir, { recursive: true, force: true }));

  it('given v1 checkpoints from before, then v2 full and delta ones, then the log is intact, every checkpoint checked', async () => {
    const store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    await appendTo(store, 'a', 'b');
    const { kind: _kind, streamCount: _count, ...v1 } = (await foldOf(store)).fullCheckpoint();
    await appendCheckpoint(store, v1, 1);
    await appendTo(store, 'c');
    const { kind: _k, streamCount: _c, ...secondV1 } = (await foldOf(store)).fullCheckpoint();
    await appendCheckpoint(store, secondV1, 1);
    const checkpointer = new Checkpointer({ store, everyEvents: 2, intervalMs: 0 });
    await checkpointer.start();

    for (const stream of ['a', 'd', 'e', 'a', 'b', 'c', 'f', 'a', 'g', 'h']) {
      await appendTo(store, stream);
      await checkpointer.settled();
    }
    await checkpointer.stop();

    const kinds = (await store.readStream('audit-checkpoints')).map((event) => (event.data as { kind?: string }).kind ?? 'v1');
    // Deltas list 3 heads each (two streams and the checkpoint stream): full once they reach the stream count (3+3 of 6, 3+3+3 of 9).
    expect(kinds).toEqual(['v1', 'v1', 'delta', 'full', 'delta', 'delta', 'full']);
    expect(await verifyLog(store)).toMatchObject({ intact: true, checkpointsChecked: 7 });
    await store.close();
  });

  /**
   * 1 a#0  2 b#0  3 full (covers 2)  4 c#0  5 c#1  6 delta (covers 5: c and the checkpoints)
   * 7 c#2  8 delta (covers 7)
   * Stream b is listed by the full checkpoint only.
   */
  const buildLog = async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'orgtrail-delta-'));
    const store = hashChained(await createSqliteEventStore({ dataDir }));
    const checkpointer = new Checkpointer({ store, everyEvents: 0, intervalMs: 0 });
    await checkpointer.start();
    await appendTo(store, 'a', 'b');
    await checkpointer.recordNow();
    for (const streams of [['c', 'c'], ['c']]) {
      await appendTo(store, ...streams);
      await checkpointer.recordNow();
    }
    await checkpointer.stop();
    await store.close();
    return join(dataDir, 'orgtrail.sqlite');
  };
  const verify = async (kind: 'embedded' | 'eventstoredb' = 'embedded') => {
    const log = openLogReadOnly(dataDir!);
    try {
      return await verifyLog({ ...log, kind });
    } finally {
      log.close();
    }
  };

  it('given the event of a stream listed only by an earlier full checkpoint replaced, with its hash recomputed, then that full checkpoint fails: the head differs', async () => {
    const file = await buildLog();
    expect(await verify()).toMatchObject({ intact: true, upToPosition: 8, checkpointsChecked: 3 });
    const db = new Database(file);
    const row = db.prepare(`SELECT event_id, type FROM events WHERE position = 2`).get() as { event_id: string; type: string };
    const forged = { streamId: 'b', revision: 0, id: row.event_id, type: row.type, data: { stream: 'b', forged: true }, metadata: { test: 'contract', stream: 'b' } };
    const hash = eventHash(forged, null);
    db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = 2').run(JSON.stringify(forged.data), JSON.stringify({ ...forged.metadata, integrity: { hash, previousHash: null } }));
    db.close();

    expect(await verify()).toMatchObject({ intact: false, position: 3, streamId: 'b', reason: 'the head of stream b (revision 0) differs from the checkpoint\'s' });
  });

  it('given the only event of a stream listed only by an earlier full checkpoint deleted, on a store that allows gaps, then that full checkpoint fails: the stream is missing', async () => {
    const file = await buildLog();
    const db = new Database(file);
    db.exec('DELETE FROM events WHERE position = 2');
    db.close();

    expect(await verify('eventstoredb')).toMatchObject({ intact: false, position: 3, streamId: 'b', reason: expect.stringMatching(/^stream b is missing/) });
  });
});
