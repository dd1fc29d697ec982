/**
 * The checkpointer records a checkpoint every N appended events and/or on a timer (driven by
 * hand here), covers exactly the log folded so far, and resumes from its last checkpoint.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer, type Scheduler } from '../../src/audit/checkpointer.ts';
import { hashChained } from '../../src/audit/hash-chained-store.ts';
import { verifyLog } from '../../src/audit/verify-log.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { testEvent } from '../contract/contract-fixtures.ts';

function manualScheduler() {
  const tasks: Array<{ ms: number; task: () => void; cancelled: boolean }> = [];
  const scheduler: Scheduler = {
    every(ms, task) {
      const entry = { ms, task, cancelled: false };
      tasks.push(entry);
      return { cancel: () => void (entry.cancelled = true) };
    },
  };
  return { scheduler, tick: () => tasks.filter((t) => !t.cancelled).forEach((t) => t.task()), tasks };
}

const checkpoints = async (store: EventStore) =>
  (await store.readStream('audit-checkpoints')).map((e) => ({ position: e.position, covers: (e.data as { coversPosition: number }).coversPosition }));

describe('checkpointer', () => {
  let store: EventStore;
  let checkpointer: Checkpointer | undefined;
  afterEach(async () => {
    await checkpointer?.stop();
    await store.close();
  });

  const start = async (options: { everyEvents?: number; intervalMs?: number; scheduler?: Scheduler }) => {
    checkpointer = new Checkpointer({ store, everyEvents: options.everyEvents ?? 0, intervalMs: options.intervalMs ?? 0, scheduler: options.scheduler });
    await checkpointer.start();
    return checkpointer;
  };

  it('given every 3 events, when 7 events are appended one by one, then checkpoints cover positions 3 and 7 (its own event not counted) and the log verifies', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    const running = await start({ everyEvents: 3 });

    for (let n = 0; n < 7; n += 1) {
      await store.append(`s-${n % 2}`, [testEvent({ n })]);
      await running.settled();
    }

    expect(await checkpoints(store)).toEqual([
      { position: 4, covers: 3 },
      { position: 8, covers: 7 },
    ]);
    expect(await verifyLog(store)).toMatchObject({ intact: true, upToPosition: 9, checkpointsChecked: 2 });
  });

  it('given a timer, when it fires after appends, then one checkpoint covers them; when it fires again with nothing new, then nothing is recorded', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    const { scheduler, tick, tasks } = manualScheduler();
    const running = await start({ intervalMs: 60_000, scheduler });
    await store.append('s', [testEvent(), testEvent()]);
    await running.settled();

    tick();
    await running.settled();
    tick();
    await running.settled();

    expect(tasks.map((t) => t.ms)).toEqual([60_000]);
    expect(await checkpoints(store)).toEqual([{ position: 3, covers: 2 }]);
  });

  it('given an idle store, when the timer fires, then nothing is recorded', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    const { scheduler, tick } = manualScheduler();
    const running = await start({ intervalMs: 1_000, scheduler });

    tick();
    await running.settled();

    expect(await store.headPosition()).toBe(-1);
    expect(await running.recordNow()).toBeNull();
  });

  it('given a checkpoint recorded before a restart, when started again, then it resumes from it: nothing new is uncovered until the next append', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    const first = await start({});
    await store.append('s', [testEvent()]);
    await first.recordNow();
    await first.stop();

    const second = await start({});

    expect(await second.recordNow()).toBeNull();
    await store.append('t', [testEvent()]);
    const data = await second.recordNow();
    expect(data).toMatchObject({ kind: 'delta', sinceCoversPosition: 1, coversPosition: 3, eventCount: 3, streamCount: 3 });
    expect(Object.keys(data!.heads)).toEqual(['audit-checkpoints', 't']);
    expect(await verifyLog(store)).toMatchObject({ intact: true, checkpointsChecked: 2 });
  });

  it('given two instances sharing one store recording at once, then one checkpoint is kept, the other skipped, and the log verifies', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    const first = await start({});
    const second = new Checkpointer({ store, everyEvents: 0, intervalMs: 0 });
    await second.start();
    await store.append('s', [testEvent(), testEvent()]);

    await Promise.all([first.recordNow(), second.recordNow()]);
    await second.stop();

    expect(await checkpoints(store)).toEqual([{ position: 3, covers: 2 }]);
    expect(await verifyLog(store)).toMatchObject({ intact: true, checkpointsChecked: 1 });
  });

  it('when stopped, then the timer is cancelled', async () => {
    store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    const { scheduler, tasks } = manualScheduler();
    const running = await start({ intervalMs: 1_000, scheduler });

    await running.stop();
    checkpointer = undefined;

    expect(tasks.every((t) => t.cancelled)).toBe(true);
  });
});

describe('checkpointer over a failing subscription', () => {
  it('given the subscription fails after one event, then it subscribes again where it stopped and still checkpoints every event', async () => {
    const inner = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    let failures = 0;
    const flaky: EventStore = {
      ...inner,
      subscribeToAll(options) {
        const subscription = inner.subscribeToAll(options);
        if (failures > 0) return subscription;
        return {
          close: () => subscription.close(),
          async *[Symbol.asyncIterator]() {
            for await (const event of subscription) {
              yield event;
              failures += 1;
              throw new Error('connection lost');
            }
          },
        };
      },
    };
    const lines: string[] = [];
    const checkpointer = new Checkpointer({ store: flaky, everyEvents: 0, intervalMs: 0, retryMs: 10, log: (line) => lines.push(line) });
    await checkpointer.start();

    for (let n = 0; n < 3; n += 1) await inner.append('s', [testEvent({ n })]);
    const data = await checkpointer.recordNow();

    expect(failures).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/subscription failed \(connection lost\); subscribing again in 10 ms/)]);
    expect(data).toMatchObject({ coversPosition: 3, eventCount: 3, heads: { s: { revision: 2 } } });
    expect(await verifyLog(inner)).toMatchObject({ intact: true, checkpointsChecked: 1 });
    await checkpointer.stop();
    await inner.close();
  });
  it('given a log no checkpoint covers and catch-up in the background, when started while the log cannot be read yet, then start resolves before the fold, and once the log flows the checkpoint covers the whole log', async () => {
    const store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    for (let n = 0; n < 5; n += 1) await store.append(`s-${n % 2}`, [testEvent({ n })]);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const inner = store;
    const gated: EventStore = {
      ...inner,
      kind: inner.kind,
      subscribeToAll(options) {
        const subscription = inner.subscribeToAll(options);
        return {
          close: () => subscription.close(),
          async *[Symbol.asyncIterator]() {
            await gate;
            yield* subscription;
          },
        };
      },
    };
    const lines: string[] = [];
    const checkpointer = new Checkpointer({ store: gated, everyEvents: 0, intervalMs: 0, catchUpInBackground: true, log: (line) => lines.push(line) });

    const started = await Promise.race([checkpointer.start().then(() => 'started'), new Promise((resolve) => setTimeout(() => resolve('still folding'), 200))]);
    open();
    const data = await checkpointer.recordNow();

    expect(started).toBe('started');
    expect(data).toMatchObject({ kind: 'full', coversPosition: 5, eventCount: 5 });
    expect(lines).toEqual([]);
    expect(await verifyLog(store)).toMatchObject({ intact: true, checkpointsChecked: 1 });
    await checkpointer.stop();
    await store.close();
  });

  it('given a log of 12 events no checkpoint covers and every 3 events, when the checkpointer starts on it, then the first checkpoint covers the head it found, not the third event, and the log verifies with a rollback bound of 5 events', async () => {
    const store = hashChained(await createSqliteEventStore({ file: ':memory:' }));
    for (let n = 0; n < 12; n += 1) await store.append(`s-${n % 4}`, [testEvent({ n })]);
    const checkpointer = new Checkpointer({ store, everyEvents: 3, intervalMs: 0 });
    await checkpointer.start();
    await checkpointer.settled();

    expect(await checkpoints(store)).toEqual([{ position: 13, covers: 12 }]);
    expect(await verifyLog(store, { maxRollback: 5 })).toMatchObject({ intact: true, checkpointsChecked: 1 });
    await checkpointer.stop();
    await store.close();
  });
});
