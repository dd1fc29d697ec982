/**
 * The service process's life on one embedded data directory:
 *   - a second instance on the same directory refuses to start: one clear message naming the
 *     lock, no stack trace, exit code 1 — and the first keeps serving;
 *   - SIGTERM while appends are in flight and a live stream is open: requests in flight are
 *     answered, the live stream is ended (not cut off), every acknowledged append is durable,
 *     the process exits 0 and frees the lock, and the next start is clean.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLog } from '../../src/audit/verify-log.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import { apiClient } from '../api/api-client.ts';
import { prepareLoadTarget, startAppendLoad } from './append-load.ts';
import { spawnServer, startServer, stopServer, type ChildServer } from './child-server.ts';
import { ackProblems } from './log-checks.ts';

/** Each child process needs a few seconds to start (tsx), many more on a busy machine. */
const CHILD_TEST_TIMEOUT_MS = 180_000;

describe('the service process on one data directory', () => {
  let dataDir: string;
  const running: ChildServer[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orgtrail-lifecycle-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => stopServer(server, 'SIGKILL')));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a second instance on the same data directory with a clear message, and the first keeps serving', async () => {
    const first = await startServer(dataDir);
    running.push(first);
    // Started as npm start starts it (SERVICE_NODE_FLAGS): no notice of missing flags.
    expect(first.output().stdout).toContain('orgtrail listening on');
    expect(first.output().stdout).not.toContain('note: started without');

    const second = spawnServer(dataDir);
    second.started.catch(() => undefined);
    const exit = await second.exited;

    expect(exit).toEqual({ code: 1, signal: null });
    const { stderr } = second.output();
    expect(stderr).toContain('data directory is locked');
    expect(stderr).toContain(`running process ${first.process.pid}`);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect((await apiClient(first.url).get('/api/v1/health')).status).toBe(200);
  }, CHILD_TEST_TIMEOUT_MS);

  it('on SIGTERM answers the requests in flight, ends live streams, keeps every acknowledged append, exits 0 and restarts cleanly', async () => {
    const server = await startServer(dataDir);
    running.push(server);
    await prepareLoadTarget(apiClient(server.url, { token: server.adminToken }));
    const live = await fetch(`${server.url}/api/v1/orgs/o1/live?view=events`);
    expect(live.status).toBe(200);
    const liveStream = (async () => {
      const reader = live.body!.getReader();
      while (!(await reader.read()).done);
      return 'ended';
    })().catch(() => 'cut off');
    const load = startAppendLoad(server.url, server.adminToken, { workers: 6, tag: 'term' });
    while (load.result.acks.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));

    const exit = await stopServer(server, 'SIGTERM');
    const result = await load.done;
    running.splice(0);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(await liveStream).toBe('ended');
    expect(server.output().stdout).toContain('every acknowledged append is durable');
    expect(server.output().stdout).not.toContain('cutting the remaining connections');
    expect(existsSync(join(dataDir, 'orgtrail.lock'))).toBe(false);
    expect(Object.keys(result.refused).filter((status) => Number(status) >= 500)).toEqual([]);
    const store = await createSqliteEventStore({ dataDir });
    try {
      expect(ackProblems(await store.readAll(), result.acks)).toEqual([]);
      expect(await verifyLog(store)).toMatchObject({ intact: true });
    } finally {
      await store.close();
    }

    const next = await startServer(dataDir);
    running.push(next);
    expect(next.output().stderr).toBe('');
    const chart = await apiClient(next.url).get('/api/v1/orgs/o1/org-chart?at=2020-06-01');
    expect(chart.status).toBe(200);
    expect(chart.body.units).toHaveLength(1 + result.acks.filter((ack) => ack.kind === 'reorganization').length);
  }, CHILD_TEST_TIMEOUT_MS);
});
