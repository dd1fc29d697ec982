/**
 * Incremental checkpoints (IntegrityCheckpointRecorded v2): after a full checkpoint the
 * checkpointer writes deltas listing only the streams changed since the previous checkpoint,
 * until the deltas' head entries would reach the number of streams; a restart rebuilds the fold
 * from the last full checkpoint and the deltas after it, never from the log itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer } from '../../src/audit/checkpointer.ts';
import { hashChained } from '../../src/audit/hash-chained-store.ts';
import { resumeFromCheckpoints } from '../../src/audit/resume-from-checkpoints.ts';
import { verifyLog } from '../../src/audit/verify-log.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { testEvent } from '../contract/contract-fixtures.ts';
import { appendCheckpoint, foldOf } from './checkpoint-fixtures.ts';

describe('incremental checkpoints', () => {
  let store: EventStore;
  const running: Checkpointer[] = [];
  afterEach(async () => {
    for (const checkpointer of running.splice(0)) await checkpointer.stop();
    await store.close();
  });

  const start = async (log?: (line: string) => void) => {
    const checkpointer = new Checkpointer({ store, everyEvents: 0, intervalMs: 0, log });
    running.push(checkpointer);
    await checkpointer.start();
    return checkpointer;
  };
  const appendTo = async (...streams: string[]) => {
    for (const stream of streams) await store.append(stream, [testEvent({ stream })]);
  };

  it('given a full checkpoint over ten streams, when two of them change, then the next checkpoint is a delta listing only those two and the checkpoint stream', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    const checkpointer = await start();
    await appendTo(...Array.from({ length: 10 }, (_, n) => `s${n}`));
    const full = await checkpointer.recordNow();

    await appendTo('s3', 's7', 's3');
    const delta = await checkpointer.recordNow();

    expect(full).toMatchObject({ kind: 'full', coversPosition: 10, streamCount: 10 });
    expect(Object.keys(full!.heads)).toHaveLength(10);
    expect(delta).toMatchObject({ kind: 'delta', sinceCoversPosition: 10, coversPosition: 14, eventCount: 14, streamCount: 11 });
    expect(delta!.heads).toEqual({
      'audit-checkpoints': { revision: 0, hash: expect.any(String) },
      s3: { revision: 2, hash: expect.any(String) },
      s7: { revision: 1, hash: expect.any(String) },
    });
    expect(await verifyLog(store)).toMatchObject({ intact: true, checkpointsChecked: 2 });
  });

  it('given deltas since the last full checkpoint, when their head entries would reach the stream count, then a full checkpoint is written instead and deltas follow it again', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    const checkpointer = await start();
    const kinds: Array<string | undefined> = [];
    await appendTo('a', 'b', 'c', 'd');
    kinds.push((await checkpointer.recordNow())?.kind);

    // Each delta lists 2 heads (the changed stream and the checkpoint stream) of 5 streams: 2, 4, then 6 >= 5.
    for (const stream of ['a', 'b', 'c', 'd']) {
      await appendTo(stream);
      kinds.push((await checkpointer.recordNow())?.kind);
    }

    expect(kinds).toEqual(['full', 'delta', 'delta', 'full', 'delta']);
    expect(await verifyLog(store)).toMatchObject({ intact: true, checkpointsChecked: 5 });
  });

  it('given a full checkpoint and deltas after it, when resumed, then the fold equals the whole log folded up to the last checkpoint, read from the checkpoint stream alone', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    const checkpointer = await start();
    await appendTo('a', 'b', 'c');
    await checkpointer.recordNow();
    for (const streams of [['a'], ['b', 'c'], ['d']]) {
      await appendTo(...streams);
      await checkpointer.recordNow();
    }
    await appendTo('e');
    const streamsRead: string[] = [];
    const recording: EventStore = { ...store, readStream: (streamId, options) => (streamsRead.push(streamId), store.readStream(streamId, options)) };

    const resumed = await resumeFromCheckpoints(recording);

    const [last] = await store.readStream('audit-checkpoints', { direction: 'backwards', maxCount: 1 });
    const covered = (last!.data as { coversPosition: number }).coversPosition;
    expect(resumed.fold.position).toBe(covered);
    expect(resumed.fold.fullCheckpoint()).toEqual((await foldOf(store, covered)).fullCheckpoint());
    expect(resumed.lastCheckpointAt).toBe(last!.position);
    expect(streamsRead.length).toBeGreaterThan(0);
    expect(new Set(streamsRead)).toEqual(new Set(['audit-checkpoints']));
  });

  it('given a restart after deltas, when more events are appended, then the next delta follows the last checkpoint and the log verifies', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    const first = await start();
    await appendTo('a', 'b', 'c', 'd', 'e');
    await first.recordNow();
    await appendTo('a');
    const before = await first.recordNow();
    await first.stop();

    const second = await start();
    await appendTo('b');
    const after = await second.recordNow();

    expect(before).toMatchObject({ kind: 'delta' });
    expect(after).toMatchObject({ kind: 'delta', sinceCoversPosition: before!.coversPosition });
    expect(Object.keys(after!.heads)).toEqual(['audit-checkpoints', 'b']);
    expect(await verifyLog(store)).toMatchObject({ intact: true, checkpointsChecked: 3 });
  });

  it('given two instances sharing one store taking turns, then each delta follows the checkpoint the other wrote, and the log verifies', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    const [first, second] = [await start(), await start()];
    await appendTo('a', 'b', 'c', 'd', 'e');
    const full = await first.recordNow();
    await second.settled();

    await appendTo('a');
    const fromSecond = await second.recordNow();
    await first.settled();
    await appendTo('b');
    const fromFirst = await first.recordNow();

    expect(full).toMatchObject({ kind: 'full', coversPosition: 5 });
    expect(fromSecond).toMatchObject({ kind: 'delta', sinceCoversPosition: 5, coversPosition: 7 });
    expect(fromFirst).toMatchObject({ kind: 'delta', sinceCoversPosition: 7, coversPosition: 9 });
    expect(Object.keys(fromFirst!.heads)).toEqual(['audit-checkpoints', 'b']);
    expect(await verifyLog(store)).toMatchObject({ intact: true, checkpointsChecked: 3 });
  });

  it('given the last checkpoint is a delta that does not follow the one before it, when started, then it says why and folds the whole log', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    await appendTo('a', 'b');
    await appendCheckpoint(store, (await foldOf(store)).fullCheckpoint());
    await appendTo('a');
    await appendCheckpoint(store, { ...(await foldOf(store)).deltaCheckpoint(1, ['a', 'audit-checkpoints']) });
    const lines: string[] = [];

    const resumed = await resumeFromCheckpoints(store, (line) => lines.push(line));

    expect(lines).toEqual([expect.stringMatching(/delta checkpoint at position 5 follows position 1, not the previous checkpoint's 2\); folding the whole log/)]);
    expect(resumed.fold.position).toBe(-1);
  });

  it('given the last checkpoint does not match its schema, when started, then it says why, folds the whole log, and the next checkpoint is full', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    await appendTo('a', 'b');
    await appendCheckpoint(store, { ...(await foldOf(store)).fullCheckpoint(), streamCount: -1 });
    const lines: string[] = [];
    const checkpointer = await start((line) => lines.push(line));

    await appendTo('a');
    const next = await checkpointer.recordNow();

    expect(lines).toEqual([expect.stringMatching(/checkpoint at position 3 is invalid: .*streamCount.*; folding the whole log/)]);
    expect(next).toMatchObject({ kind: 'full', coversPosition: 4, streamCount: 3 });
    expect(next).toEqual((await foldOf(store, 4)).fullCheckpoint());
  });
});

describe('a fold resumed from a v1 checkpoint', () => {
  it('given a v1 checkpoint (written before deltas existed), when the checkpointer starts, then it resumes from it and writes a delta after it', async () => {
    const store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    await store.append('a', [testEvent()]);
    const { kind: _kind, streamCount: _streamCount, ...v1 } = (await foldOf(store)).fullCheckpoint();
    await appendCheckpoint(store, v1, 1);
    const checkpointer = new Checkpointer({ store, everyEvents: 0, intervalMs: 0 });
    await checkpointer.start();

    await store.append('b', [testEvent()]);
    const next = await checkpointer.recordNow();

    expect(next).toMatchObject({ kind: 'delta', sinceCoversPosition: 1, coversPosition: 3, streamCount: 3 });
    expect(await verifyLog(store)).toMatchObject({ intact: true, checkpointsChecked: 2 });
    await checkpointer.stop();
    await store.close();
  });
});
