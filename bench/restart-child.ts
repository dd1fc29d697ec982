/**
 * One start of the real service (createOrgtrail and an HTTP server on its app, the path
 * src/main.ts takes) on a data directory, in a fresh process (started by restart.ts with the
 * service's V8 flags and --expose-gc): the time from the call to the first answer (GET of the org
 * chart at the cut the parent names, over HTTP, so that anything still holding the event loop
 * after start — the checkpointer's background fold — delays it as it would a client), that
 * answer's fingerprint (the parent checks it against its own), the RSS after start (two full
 * GCs, the service alive), and how long the checkpointer then takes to catch up with the log.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UnitView } from '../projections/views.ts';
import { parseConfig } from '../src/config.ts';
import { createOrgtrail } from '../src/create-orgtrail.ts';
import { serveParent } from './child.ts';
import { fingerprint } from './harness.ts';

export interface RestartRequest {
  dataDir: string;
  orgId: string;
  at: string;
  asKnownAt: string;
}

export interface RestartResult {
  /** createOrgtrail() until it resolved (store open, read models at the head, checkpointer resumed). */
  startSeconds: number;
  /** createOrgtrail() until the first org-chart answer was received over HTTP. */
  firstAnswerSeconds: number;
  /** CPU time (user + system, all threads) of this process from createOrgtrail() to the first answer: the figure to read on a shared machine. */
  cpuSecondsToFirstAnswer: number;
  /** Process uptime at the first answer (includes loading Node and the modules). */
  uptimeAtFirstAnswerSeconds: number;
  fingerprint: string;
  units: number;
  position: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** From the first answer until the checkpointer's fold reached the head and its checkpoint was recorded. */
  checkpointCatchUpSeconds: number;
  lines: string[];
}

function rssAfterGc(): { rssBytes: number; heapUsedBytes: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rssBytes: m.rss, heapUsedBytes: m.heapUsed };
}

async function restart({ dataDir, orgId, at, asKnownAt }: RestartRequest): Promise<RestartResult> {
  const lines: string[] = [];
  const config = parseConfig({ ORGTRAIL_DATA_DIR: dataDir, ORGTRAIL_SEED: 'none', ORGTRAIL_ADMIN_TOKEN: 'bench-restart-token-0123456789abcdef', ORGTRAIL_RATE_LIMIT: '0' });
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const orgtrail = await createOrgtrail(config, { log: (line) => lines.push(line) });
  const startSeconds = (performance.now() - started) / 1000;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = orgtrail.app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/orgs/${orgId}/org-chart?at=${at}&asKnownAt=${encodeURIComponent(asKnownAt)}`;
  const response = await fetch(url);
  // The empty service (the RSS baseline) knows no org: its 404 is its correct answer.
  const emptyStore = orgtrail.projector.models.position < 0;
  if (response.status !== 200 && !(emptyStore && response.status === 404)) throw new Error(`GET org-chart answered ${response.status}: ${await response.text()}`);
  const answer = response.status === 200 ? (((await response.json()) as { units?: UnitView[] }).units ?? []) : (await response.text(), []);
  const firstAnswerSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSecondsToFirstAnswer = (cpu.user + cpu.system) / 1e6;
  const uptimeAtFirstAnswerSeconds = process.uptime();
  const memory = rssAfterGc();
  const caughtUpFrom = performance.now();
  await orgtrail.checkpointer.recordNow();
  const checkpointCatchUpSeconds = (performance.now() - caughtUpFrom) / 1000;
  const position = orgtrail.projector.models.position;
  await new Promise((resolve) => server.close(resolve));
  await orgtrail.close();
  return { startSeconds, firstAnswerSeconds, cpuSecondsToFirstAnswer, uptimeAtFirstAnswerSeconds, fingerprint: fingerprint('orgChart', answer), units: answer.length, position, ...memory, checkpointCatchUpSeconds, lines };
}

serveParent((message) => restart(message as RestartRequest));
