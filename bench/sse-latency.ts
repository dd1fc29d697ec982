/**
 * Append-to-SSE delivery latency: the real app (composition root, embedded store on disk,
 * durable group commits) on 127.0.0.1, `clients` SSE connections to the org-chart live view
 * in a separate process (bench/sse-clients.ts), then `appends` reorganisations (one head
 * appointment each) sent one at a time. For each append and each client:
 *
 *   delivery = arrival of its `change` message at the client − the moment the POST was sent
 *
 * so it includes the command itself (decide, append, fsync, projector) and the fan-out to
 * every client. Beside it: the fan-out alone (the projector applying the event, stamped in the
 * server process → arrival) and the command's own latency (POST sent → 201 read).
 * Appends are sequential (the next waits until every client has the previous change), so
 * the figures are latency, not queueing under load.
 *
 * `npm run bench -- --only sse [--sse-clients N] [--sse-appends N]`; results are written to
 * bench/results/<date>-sse.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config.ts';
import { createOrgtrail } from '../src/create-orgtrail.ts';
import { createSqliteEventStore } from '../src/store/embedded/sqlite-event-store.ts';
import { startChild } from './child.ts';
import { summarise, type LatencySummary } from './harness.ts';
import type { SseClientsRequest } from './sse-clients.ts';

export interface SseLatencyOptions {
  clients: number;
  appends: number;
  out: string;
  write: boolean;
  log: (line: string) => void;
}

export interface SseLatencyResults {
  schema: 1;
  date: string;
  startedAt: string;
  /** loadAverage1m: the machine's 1-minute load average when the run started (other work competes for the CPUs). */
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadAverage1m: number };
  clients: number;
  appends: number;
  view: string;
  /** Milliseconds from the POST being sent to the change arriving, over appends × clients. */
  delivery: LatencySummary;
  /** Milliseconds from the projector applying the event (server side) to the change arriving. */
  fanOut: LatencySummary;
  /** Milliseconds from the POST being sent to its 201 being read. */
  command: LatencySummary;
}

const ORG = 'bench-live';
const UNITS = 50;
const WARMUP = 20;
const wallClock = () => performance.timeOrigin + performance.now();

export async function runSseLatency(options: SseLatencyOptions): Promise<SseLatencyResults> {
  const startedAt = new Date();
  const [loadAverage1m = 0] = loadavg();
  const dataDir = mkdtempSync(join(tmpdir(), 'orgtrail-bench-sse-'));
  const token = `bench-${'x'.repeat(40)}`;
  const config = parseConfig({ ORGTRAIL_SEED: 'none', ORGTRAIL_ADMIN_TOKEN: token, ORGTRAIL_RATE_LIMIT: '0' });
  const orgtrail = await createOrgtrail(config, { store: await createSqliteEventStore({ dataDir }) });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = orgtrail.app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (path: string, body: unknown): Promise<{ position: number }> => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await response.json()) as { position: number };
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const clients = startChild('./sse-clients.ts');
  const appliedAt = new Map<number, number>();
  const stamping = orgtrail.projector.applied$.subscribe(({ position }) => appliedAt.set(position, wallClock()));
  try {
    await post('/api/v1/orgs', { orgId: ORG, name: 'Comune del benchmark' });
    const changes = Array.from({ length: UNITS }, (_, i) => ({ op: 'establish', unitId: `u${i}`, name: `Unità ${i}`, kind: 'unita', parentId: i === 0 ? null : `u${Math.floor((i - 1) / 4)}` }));
    await post(`/api/v1/orgs/${ORG}/reorganizations`, { act: { id: 'BENCH-0' }, effectiveFrom: '2020-01-01', changes });
    await clients.request({ kind: 'open', url: `${base}/api/v1/orgs/${ORG}/live?view=org-chart`, clients: options.clients } satisfies SseClientsRequest);
    options.log(`sse: ${options.clients} clients connected; ${options.appends} appends (after ${WARMUP} warm-up)`);
    const delivery: number[] = [];
    const fanOut: number[] = [];
    const command: number[] = [];
    for (let i = 0; i < WARMUP + options.appends; i++) {
      const sentAt = wallClock();
      const { position } = await post(`/api/v1/orgs/${ORG}/reorganizations`, {
        act: { id: `BENCH-${i + 1}` },
        effectiveFrom: '2024-01-01',
        changes: [{ op: 'appoint-head', unitId: `u${i % UNITS}`, person: `Persona ${i}` }],
      });
      const ackedAt = wallClock();
      const { arrivals } = await clients.request<{ arrivals: number[] }>({ kind: 'await', id: position } satisfies SseClientsRequest);
      if (i < WARMUP) continue;
      command.push(ackedAt - sentAt);
      for (const arrivedAt of arrivals) {
        delivery.push(arrivedAt - sentAt);
        fanOut.push(arrivedAt - appliedAt.get(position)!);
      }
    }
    await clients.request({ kind: 'close' } satisfies SseClientsRequest);
    const results: SseLatencyResults = {
      schema: 1,
      date: startedAt.toISOString().slice(0, 10),
      startedAt: startedAt.toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}`, loadAverage1m },
      clients: options.clients,
      appends: options.appends,
      view: 'org-chart',
      delivery: summarise(delivery),
      fanOut: summarise(fanOut),
      command: summarise(command),
    };
    const ms = (s: LatencySummary) => `p50 ${s.p50.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms  max ${s.max.toFixed(2)} ms  (n=${s.samples})`;
    options.log(`sse: append → delivery to ${options.clients} clients: ${ms(results.delivery)}`);
    options.log(`sse: fan-out alone (applied → arrival):  ${ms(results.fanOut)}`);
    options.log(`sse: command alone (POST → 201):        ${ms(results.command)}`);
    if (options.write) {
      mkdirSync(options.out, { recursive: true });
      const file = join(options.out, `${results.date}-sse.json`);
      writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
      options.log(`wrote ${file}`);
    }
    return results;
  } finally {
    stamping.unsubscribe();
    await clients.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await orgtrail.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
