/**
 * The projector survives a failing subscription (e.g. EventStoreDB dropped the connection):
 * it subscribes again after the last applied position, so every event is applied exactly
 * once, in order, and waiters for later positions are served once the store is back.
 */
import { describe, expect, it } from 'vitest';
import { ReadModels } from '../../projections/read-models.ts';
import { UnavailableError } from '../../src/errors.ts';
import { Projector } from '../../src/read/projector.ts';
import type { EventStore, RecordedEvent, SubscribeOptions, Subscription } from '../../src/store/event-store.ts';
import { recorder } from '../support/recorded-events.ts';

const at = { effectiveFrom: '2020-01-01', recordedAt: '2024-01-01T00:00:00.000Z' };

function history(): RecordedEvent[] {
  const record = recorder('milano');
  return [
    record('org-milano', 'OrgRegistered', { orgId: 'milano', name: 'Milano' }, at),
    ...['u1', 'u2', 'u3', 'u4'].map((unitId) => record('org-milano', 'UnitEstablished', { unitId, name: unitId, kind: 'area', parentId: null }, at)),
  ];
}

/** A store whose first subscription delivers `failAfter` events and then fails like a dropped connection. */
function flakyStore(events: RecordedEvent[], failAfter: number) {
  const subscribedAfter: (number | undefined)[] = [];
  const store = {
    headPosition: async () => events.at(-1)!.position,
    subscribeToAll(options: SubscribeOptions = {}): Subscription {
      const first = subscribedAfter.length === 0;
      subscribedAfter.push(options.afterPosition);
      const after = options.afterPosition ?? -1;
      let closed = false;
      let wake = () => {};
      return {
        async close() {
          closed = true;
          wake();
        },
        async *[Symbol.asyncIterator]() {
          let delivered = 0;
          for (const event of events.filter((e) => e.position > after)) {
            if (first && delivered === failAfter) throw new UnavailableError('EventStoreDB is unavailable: connection dropped');
            delivered += 1;
            yield event;
          }
          // Live: nothing more until closed.
          while (!closed) await new Promise<void>((resolve) => (wake = resolve));
        },
      };
    },
  } as unknown as EventStore;
  return { store, subscribedAfter };
}

describe('Projector when its subscription fails', () => {
  it('subscribes again after the last applied position and applies every event exactly once, in order', async () => {
    const events = history();
    const { store, subscribedAfter } = flakyStore(events, 2);
    const failures: unknown[] = [];
    const projector = new Projector(store, new ReadModels(), (error) => failures.push(error));
    const applied: number[] = [];
    projector.applied$.subscribe(({ position }) => applied.push(position));

    await projector.start();
    await projector.waitForPosition(events.at(-1)!.position);

    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(UnavailableError);
    expect(subscribedAfter).toEqual([undefined, events[1]!.position]);
    expect(applied).toEqual(events.map((e) => e.position));
    expect(projector.models.org('milano')!.chart.orgChart({ at: '2020-06-01', maxPosition: 99 }).map((u) => u.unitId)).toEqual(['u1', 'u2', 'u3', 'u4']);
    await projector.stop();
  });

  it('stops promptly while waiting to subscribe again', async () => {
    const { store, subscribedAfter } = flakyStore(history(), 0);
    const projector = new Projector(store, new ReadModels(), () => undefined);
    const started = projector.start();
    while (subscribedAfter.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));

    await projector.stop();

    expect(subscribedAfter).toHaveLength(1);
    void started.catch(() => undefined);
  });
});
