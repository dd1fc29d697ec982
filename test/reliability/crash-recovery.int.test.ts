/**
 * Crash recovery: the real service (child process, embedded store) is killed with SIGKILL at
 * random moments while a client appends as fast as it can, again and again. After every
 * restart — which must need no manual step, the stale data-dir lock included —
 *   - every acknowledged (201) append is in the log exactly once, at its position, in order;
 *   - the log verifies (hash chains, verifyLog);
 *   - the restarted service answers exactly like a from-scratch replay of the log.
 * Up to CRASH_CYCLES kills (default 8), fewer (but at least MIN_CYCLES) once CRASH_BUDGET_MS
 * of wall time is spent, so that `npm test` stays short on a slow machine; raise both for a
 * longer run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../../src/audit/verify-log.ts';
import { apiClient } from '../api/api-client.ts';
import { startTestApp } from '../support/start-test-app.ts';
import { LOAD_ORG, prepareLoadTarget, startAppendLoad, type Ack } from './append-load.ts';
import { startServer, stopServer, type ChildServer } from './child-server.ts';
import { ackProblems, snapshotOf } from './log-checks.ts';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 8);
const MIN_CYCLES = Math.min(3, CYCLES);
const BUDGET_MS = Number(process.env.CRASH_BUDGET_MS ?? 45_000);
const WORKERS = 6;

/** Answers that depend on every kind of event the load appends, pinned to one position. */
const views = (position: number) => [
  `/api/v1/orgs/${LOAD_ORG}/org-chart?at=2020-06-01&asOfPosition=${position}`,
  `/api/v1/orgs/${LOAD_ORG}/org-chart?at=2019-06-01&asOfPosition=${position}`,
  `/api/v1/orgs/${LOAD_ORG}/units/root/history?asOfPosition=${position}`,
  `/api/v1/orgs/${LOAD_ORG}/pdo?year=2020&at=2020-12-31&asOfPosition=${position}`,
  `/api/v1/orgs/${LOAD_ORG}/indicators/i1/measurements?asOfPosition=${position}`,
];

async function answers(url: string, token: string, position: number): Promise<{ view: string; status: number; body: unknown }[]> {
  const api = apiClient(url, { token });
  return Promise.all(
    views(position).map(async (view) => {
      const { status, body } = await api.get(view);
      return { view, status, body };
    }),
  );
}

describe('SIGKILL at random moments while appending', () => {
  let dataDir: string;
  let server: ChildServer | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orgtrail-crash-'));
  });
  afterAll(async () => {
    if (server) await stopServer(server, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The restarted service keeps every ack, verifies, and answers like a replay of its log. */
  async function expectRecovered(acks: Ack[], context: string): Promise<number> {
    const snapshot = await snapshotOf(dataDir);
    try {
      const events = await snapshot.store.readAll();
      expect(ackProblems(events, acks), context).toEqual([]);
      expect(await verifyLog(snapshot.store), context).toMatchObject({ intact: true });
      const head = await snapshot.store.headPosition();
      await snapshot.store.close();
      const replay = await startTestApp({ dataDir: snapshot.dir });
      try {
        const served = await answers(server!.url, server!.adminToken, head);
        expect(served.map((answer) => answer.status), context).toEqual(views(head).map(() => 200));
        expect(served, context).toEqual(await answers(replay.url, replay.adminToken, head));
      } finally {
        await replay.close();
      }
      return head;
    } finally {
      await snapshot.close();
    }
  }

  it(`keeps every acknowledged append, once and in order, across ${MIN_CYCLES} to ${CYCLES} kills`, async () => {
    const acks: Ack[] = [];
    const kills: string[] = [];
    const deadline = Date.now() + BUDGET_MS;
    let lastHead = -1;
    for (let cycle = 0; ; cycle++) {
      server = await startServer(dataDir);
      const context = `after kills at ${kills.join(', ') || '(none)'}`;
      if (cycle === 0) await prepareLoadTarget(apiClient(server.url, { token: server.adminToken }));
      else lastHead = await expectRecovered(acks, context);
      if (cycle === CYCLES || (cycle >= MIN_CYCLES && Date.now() > deadline)) break;
      const load = startAppendLoad(server.url, server.adminToken, { workers: WORKERS, tag: `c${cycle}` });
      const delayMs = 100 + Math.floor(Math.random() * 700);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      kills.push(`+${delayMs}ms with ${load.result.acks.length} acks`);
      await stopServer(server, 'SIGKILL');
      const result = await load.done;
      expect(Object.keys(result.refused).filter((status) => Number(status) >= 500), context).toEqual([]);
      acks.push(...result.acks);
    }
    await stopServer(server!, 'SIGTERM');
    server = undefined;
    console.info(`crash test: ${kills.length} kills (${kills.join(', ')}), ${acks.length} acknowledged appends kept`);
    // The load did run: appends were acknowledged between kills, and the log grew with them.
    expect(kills.length).toBeGreaterThanOrEqual(MIN_CYCLES);
    expect(acks.length).toBeGreaterThan(kills.length);
    expect(lastHead).toBeGreaterThanOrEqual(Math.max(...acks.map((a) => a.position)));
  }, BUDGET_MS + 240_000);
});
