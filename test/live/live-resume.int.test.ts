/**
 * Resume and consistency under concurrent appends: a client that loses its connection and
 * reconnects with Last-Event-ID (or ?lastEventId=) gets every change after that id exactly
 * once; a snapshot reflects exactly the events up to its id, and every later event arrives
 * as a change.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, type SseConnection, type SseMessage } from '../support/sse-client.ts';
import { startLiveTestApp, type LiveTestApp } from './live-fixture.ts';

const UNITS = ['dg', 'cultura', 'musei', 'gab'];
const changeIds = (messages: SseMessage[]) => messages.filter((m) => m.event === 'change').map((m) => Number(m.id));

/** Positions of the org-stream events after `after`, read back from the store: the ground truth. */
async function orgEventsAfter(t: LiveTestApp, after: number): Promise<number[]> {
  const events = await t.app.store.readAll({ fromPosition: after });
  return events.filter((e) => e.streamId === 'org-milano').map((e) => e.position);
}

describe('live resume', () => {
  let t: LiveTestApp;
  const open: SseConnection[] = [];

  beforeEach(async () => {
    t = await startLiveTestApp();
  });

  afterEach(async () => {
    for (const connection of open.splice(0)) connection.close();
    await t.close();
  });

  it('loses and repeats nothing across connections cut mid-stream while appends go on', async () => {
    let cutting = true;
    let k = 0;
    // Renames of 1 to 3 units per command, until the client has made all its cuts, then a last few.
    const appending = (async () => {
      for (let tail = 5; cutting || tail-- > 0; k++) {
        const changes = UNITS.slice(0, 1 + (k % 3)).map((unitId) => ({ op: 'rename', unitId, name: `${unitId} ${k}` }));
        await t.reorganize(changes);
      }
    })();

    const first = await t.live('view=org-chart');
    open.push(first);
    const [snapshot] = await first.waitFor((m) => m.length >= 1, 'the snapshot');
    const start = Number(snapshot!.id);
    const received: number[] = [];
    let connection = first;
    for (let cut = 0; cut < 6; cut++) {
      const seen = connection.messages.length;
      await connection.waitFor((m) => m.length >= seen + 4, `4 changes on connection ${cut}`);
      connection.close();
      received.push(...changeIds(connection.messages));
      const lastId = received.at(-1) ?? start;
      // Alternate the header (what EventSource sends) and the query parameter.
      connection = cut % 2 === 0 ? await t.live('view=org-chart', { 'Last-Event-ID': String(lastId) }) : await t.live(`view=org-chart&lastEventId=${lastId}`);
      open.push(connection);
      expect(connection.status).toBe(200);
    }
    cutting = false;
    await appending;
    const expected = await orgEventsAfter(t, start);
    const last = expected.at(-1)!;
    await connection.waitFor((m) => m.some((message) => Number(message.id) === last), 'the last appended event');
    received.push(...changeIds(connection.messages));

    expect(connection.messages.every((m) => m.event === 'change')).toBe(true);
    expect(new Set(received).size).toBe(received.length);
    expect(received).toEqual(expected);
    expect(expected.length).toBeGreaterThan(24);
  });

  it('gives each client a snapshot that holds exactly the events up to its id, and every later event as a change', async () => {
    const names = new Map<number, string>();
    const clients: SseConnection[] = [];
    for (let k = 0; k < 30; k++) {
      const position = await t.reorganize([{ op: 'rename', unitId: 'musei', name: `Musei ${k}` }]);
      names.set(position, `Musei ${k}`);
      // Connect without awaiting, so snapshots race the next appends.
      if (k % 6 === 0) void t.live('view=org-chart&unitId=musei').then((c) => (clients.push(c), open.push(c)));
    }
    const last = Math.max(...names.keys());
    await expect.poll(() => clients.length).toBe(5);
    for (const client of clients) {
      await client.waitFor((m) => m.some((message) => Number(message.id) === last), 'the last rename');
      const [snapshot, ...rest] = client.messages;
      const at = Number(snapshot!.id);
      const nameAtSnapshot = names.get(Math.max(...[...names.keys()].filter((p) => p <= at))) ?? 'Unità Musei';
      expect(json(snapshot!).units).toEqual([expect.objectContaining({ unitId: 'musei', name: nameAtSnapshot })]);
      expect(rest.map((m) => Number(m.id))).toEqual([...names.keys()].filter((p) => p > at));
      expect(rest.map((m) => json(m).units[0].name)).toEqual([...names.entries()].filter(([p]) => p > at).map(([, name]) => name));
    }
  });

  it('resumes live with nothing to replay when Last-Event-ID is the current position', async () => {
    const position = await t.reorganize([{ op: 'rename', unitId: 'gab', name: 'Gabinetto' }]);
    const stream = await t.live('view=events', { 'Last-Event-ID': String(position) });
    open.push(stream);
    const next = await t.reorganize([{ op: 'rename', unitId: 'gab', name: 'Gabinetto del Sindaco' }]);
    await stream.waitFor((m) => m.length >= 1, 'the next change');
    expect(stream.messages.map((m) => [m.event, Number(m.id)])).toEqual([['change', next]]);
  });
});
