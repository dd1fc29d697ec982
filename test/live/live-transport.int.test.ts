/**
 * The SSE transport of /live: input errors before the stream opens, heartbeats, no
 * subscription left behind by a client that goes away, and a client that stops reading is
 * dropped with `resync` (past its bounded buffer) without holding anyone else back.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { json, SseParser, type SseConnection, type SseMessage } from '../support/sse-client.ts';
import { ORG, startLiveTestApp, type LiveTestApp } from './live-fixture.ts';

describe('live transport', () => {
  let t: LiveTestApp;
  const open: SseConnection[] = [];
  const live = async (query: string, headers?: Record<string, string>) => {
    const connection = await t.live(query, headers);
    open.push(connection);
    return connection;
  };
  /** Subscriptions to the projector's stream of applied events (the live views are derived from it). */
  const subscriptions = () => t.app.projector.applied$.observers.length;

  afterEach(async () => {
    for (const connection of open.splice(0)) connection.close();
    await t.close();
  });

  it('answers 400 naming the field and 404 for unknown targets, as problem+json, before any stream', async () => {
    t = await startLiveTestApp();
    const cases: [string, Record<string, string>, number, string | null][] = [
      ['', {}, 400, 'view'],
      ['view=tree', {}, 400, 'view'],
      ['view=org-chart&objectiveId=ob-gab', {}, 400, 'objectiveId'],
      ['view=org-chart&indicatorId=ind-visite', {}, 400, 'indicatorId'],
      ['view=pdo&colour=red', {}, 400, 'colour'],
      ['view=events&lastEventId=abc', {}, 400, 'lastEventId'],
      ['view=events', { 'Last-Event-ID': '12x' }, 400, 'Last-Event-ID'],
      ['view=org-chart&unitId=nowhere', {}, 404, null],
      ['view=pdo&objectiveId=nothing', {}, 404, null],
      ['view=events&indicatorId=nothing', {}, 404, null],
    ];
    for (const [query, headers, status, field] of cases) {
      const r = await t.api.get(`${ORG}/live?${query}`, headers);
      expect([query, r.status, r.contentType]).toEqual([query, status, 'application/problem+json; charset=utf-8']);
      if (field) expect(r.body.problems.map((p: { field: string }) => p.field)).toContain(field);
    }
    const unknownOrg = await t.api.get('/api/v1/orgs/roma/live?view=org-chart');
    expect(unknownOrg.status).toBe(404);
  });

  it('sends heartbeat comments at the configured interval', async () => {
    t = await startLiveTestApp({ ORGTRAIL_LIVE_HEARTBEAT_MS: '20' });
    const stream = await live('view=events');
    await stream.waitFor((_m, comments) => comments.filter((c) => c === 'heartbeat').length >= 2, 'two heartbeats');
    expect(stream.messages.map((m) => m.event)).toEqual(['snapshot']);
  });

  it('re-sends the snapshot on the new date when the day changes in Rome', async () => {
    t = await startLiveTestApp({ ORGTRAIL_LIVE_HEARTBEAT_MS: '20' });
    // The head holds from 2025-03-11: not in the chart of 2025-03-10, in that of the 11th.
    const appointed = await t.reorganize([{ op: 'appoint-head', unitId: 'gab', person: 'Anna Verdi' }], '2025-03-11');
    const stream = await live('view=org-chart&unitId=gab');
    await stream.waitFor((m) => m.length >= 1, 'the snapshot');
    t.time.set('2025-03-10T23:30:00.000Z'); // 00:30 on the 11th in Rome
    await stream.waitFor((m) => m.length >= 2, 'a second snapshot');
    expect(stream.messages.map((m) => [m.event, Number(m.id)])).toEqual([
      ['snapshot', appointed],
      ['snapshot', appointed],
    ]);
    expect(stream.messages.map((m) => [json(m).at, json(m).units[0].head && { person: json(m).units[0].head.person, title: json(m).units[0].head.title }])).toEqual([
      ['2025-03-10', null],
      ['2025-03-11', { person: 'Anna Verdi', title: null }],
    ]);
  });

  it('shares one subscription per view and releases it when the last client goes away', async () => {
    t = await startLiveTestApp();
    const before = subscriptions();
    const streams = await Promise.all(['view=org-chart', 'view=org-chart', 'view=pdo', 'view=pdo&unitId=cultura'].map((q) => live(q)));
    for (const stream of streams) await stream.waitFor((m) => m.length >= 1, 'the snapshot');
    expect(subscriptions()).toBe(before + 3);
    for (const stream of streams) stream.close();
    await expect.poll(subscriptions).toBe(before);
  });

  it('drops a client that stops reading with resync, while another client gets every change', async () => {
    t = await startLiveTestApp({ ORGTRAIL_LIVE_CLIENT_BUFFER_MESSAGES: '20', ORGTRAIL_LIVE_CLIENT_BUFFER_BYTES: '65536' });
    const idle = subscriptions();
    const fast = await live('view=events');
    await fast.waitFor((m) => m.length >= 1, 'the snapshot');
    const url = new URL(t.app.url);
    const slow = connect(Number(url.port), url.hostname);
    slow.pause();
    const received: Buffer[] = [];
    slow.write(`GET ${ORG}/live?view=org-chart HTTP/1.1\r\nHost: ${url.host}\r\nAccept: text/event-stream\r\n\r\n`);
    const withSlow = idle + 2; // the events view and the org-chart view
    await expect.poll(subscriptions).toBe(withSlow);

    // Each assignment makes the org-chart message carry musei with all its (long) competencies so far.
    const appended: number[] = [];
    const text = 'Gestione del patrimonio museale. '.repeat(120);
    for (let round = 0; round < 200 && subscriptions() === withSlow; round++) {
      const position = await t.reorganize(Array.from({ length: 10 }, (_, i) => ({ op: 'assign-competency', unitId: 'musei', text: `${round}.${i} ${text}` })));
      appended.push(...Array.from({ length: 10 }, (_, i) => position - 9 + i));
    }
    expect(subscriptions()).toBe(withSlow - 1);
    await fast.waitFor((m) => m.some((message) => Number(message.id) === appended.at(-1)), 'every change on the fast client');
    expect(fast.messages.filter((m) => m.event === 'change').map((m) => Number(m.id))).toEqual(appended);

    const ended = new Promise<void>((resolve) => slow.on('end', resolve).on('close', () => resolve()));
    slow.on('data', (chunk: Buffer) => received.push(chunk));
    slow.resume();
    await ended;
    const body = Buffer.concat(received).toString('utf8');
    const messages = new SseParser().push(body.slice(body.indexOf('\r\n\r\n') + 4)).flatMap((item) => (item.kind === 'message' ? [item.message] : []));
    const last = messages.at(-1) as SseMessage;
    expect(last.event).toBe('resync');
    expect(json(last)).toEqual({ reason: 'slow-client' });
    const changeIds = messages.filter((m) => m.event === 'change').map((m) => Number(m.id));
    // What it got is a gap-free prefix of the changes; the rest is for its reconnection.
    expect(changeIds).toEqual(appended.slice(0, changeIds.length));
    expect(changeIds.length).toBeLessThan(appended.length);

    const resumed = await live('view=org-chart', { 'Last-Event-ID': String(changeIds.at(-1)) });
    await resumed.waitFor((m) => m.some((message) => Number(message.id) === appended.at(-1)), 'the rest of the changes');
    expect(resumed.messages.map((m) => Number(m.id))).toEqual(appended.slice(changeIds.length));
  });

  it('answers 429 with Retry-After to a client address past its cap of open streams, and admits it again once one closes', async () => {
    t = await startLiveTestApp({ ORGTRAIL_LIVE_MAX_STREAMS_PER_CLIENT: '2' });
    const first = await live('view=org-chart');
    const second = await live('view=pdo');
    await first.waitFor((m) => m.length >= 1, 'the first snapshot');
    await second.waitFor((m) => m.length >= 1, 'the second snapshot');
    const refused = await live('view=events');
    expect([refused.status, refused.headers.get('retry-after'), refused.headers.get('content-type')]).toEqual([429, '5', 'application/problem+json; charset=utf-8']);
    first.close();
    let admitted: SseConnection | undefined;
    for (let attempt = 0; attempt < 50 && admitted === undefined; attempt++) {
      const candidate = await live('view=events');
      if (candidate.status === 200) admitted = candidate;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(admitted?.status).toBe(200);
  });
});
