/**
 * Target 4 alone, for whoever works on the command path: the real app (buildApp, as the bench
 * builds it) over a copy of a loaded store, 50 closed-loop clients POSTing measurements
 * (bench/http-clients.ts), optionally with the main thread's CPU profile of the command run.
 *
 *   npx tsx bench/experiments/command-profile.ts [size=100k] [seconds=8] [--profile] [--top N]
 *
 * The store is the one bench/experiments/append-floor.ts loads (<os tmpdir>/orgtrail-append-floor-<size>,
 * loaded here if missing); it is copied first, so runs do not grow it.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { Session, type Profiler } from 'node:inspector';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ReadModels } from '../../projections/read-models.ts';
import { Checkpointer } from '../../src/audit/checkpointer.ts';
import { hashChained } from '../../src/audit/hash-chained-store.ts';
import { createTokenService } from '../../src/auth/token-service.ts';
import { createCommandService } from '../../src/commands/create-command-service.ts';
import { parseConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { Projector } from '../../src/read/projector.ts';
import { SERVICE_NODE_FLAGS } from '../../src/service-node-flags.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import { respawnWithFlags, startChild } from '../child.ts';
import { generateWorkload, parseSize, WORKLOAD_ORG_ID } from '../generate.ts';
import type { ClientRequest, ClientResult } from '../http-clients.ts';
import { loadHistory, SimulatedClock } from '../load.ts';

respawnWithFlags(import.meta.url, SERVICE_NODE_FLAGS);

const { values, positionals } = parseArgs({ allowPositionals: true, options: { profile: { type: 'boolean', default: false }, top: { type: 'string', default: '40' } } });
const label = positionals[0] ?? '100k';
const seconds = Number(positionals[1] ?? 8);
const source = join(tmpdir(), `orgtrail-append-floor-${label}`);
if (!existsSync(join(source, 'orgtrail.sqlite'))) {
  const clock = new SimulatedClock();
  const loading = hashChained(await createSqliteEventStore({ dataDir: source, clock: clock.clock }));
  await loadHistory(loading, clock, generateWorkload({ size: parseSize(label) }));
  await loading.close();
}
const dataDir = mkdtempSync(join(tmpdir(), 'orgtrail-command-profile-'));
cpSync(source, dataDir, { recursive: true, filter: (path) => !path.endsWith('orgtrail.lock') });
const TOKEN = `bench-admin-${'0'.repeat(32)}`;
const store = await createSqliteEventStore({ dataDir });
const models = new ReadModels();
const projector = new Projector(store, models);
await projector.start();
const config = parseConfig({ ORGTRAIL_SEED: 'none', ORGTRAIL_ADMIN_TOKEN: TOKEN, ORGTRAIL_RATE_LIMIT: '0' });
const chained = hashChained(store);
const commands = createCommandService({ store: chained, projector, clock: () => new Date() });
const tokens = createTokenService({ store: chained, adminToken: config.adminToken });
const app = buildApp({ store: chained, projector, commands, clock: () => new Date(), tokens, security: config.security });
const server = await new Promise<Server>((resolve, reject) => {
  const s = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
});
const checkpointer = new Checkpointer({ store: chained, everyEvents: config.audit.checkpointEveryEvents, intervalMs: 0 });
await checkpointer.start();
const clients = startChild('./http-clients.ts');
const endDate = '2024-12-31';
const indicatorIds = models.org(WORKLOAD_ORG_ID)!.pdo.pdo(2024, { at: endDate, maxPosition: models.position }).flatMap((o) => o.indicators.map((i) => i.indicatorId));

const session = new Session();
session.connect();
const post = <T>(method: string, params?: object) => new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
if (values.profile) {
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
}
const cpuAtStart = process.cpuUsage();
const started = performance.now();
const result = await clients.request<ClientResult>({
  kind: 'commands', command: 'measurement', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: TOKEN, orgId: WORKLOAD_ORG_ID,
  targetIds: indicatorIds, effectiveFrom: endDate, concurrency: 50, durationMs: seconds * 1000, warmupMs: 1000,
} satisfies ClientRequest);
const cpu = process.cpuUsage(cpuAtStart);
const serverCores = (cpu.user + cpu.system) / 1000 / (performance.now() - started);
const ok = result.statuses['201'] ?? 0;
const measured = result.latencies.length;
const window = (seconds * 1000) / 1000;
console.log(`${Math.round(measured / window)} commands/s (${ok} ok), server ${serverCores.toFixed(2)} cores, clients ${result.clientCores?.toFixed(2)} cores, statuses ${JSON.stringify(result.statuses)}${result.firstError ? `, first error ${result.firstError}` : ''}`);
if (values.profile) {
  const { profile } = await post<{ profile: Profiler.Profile }>('Profiler.stop');
  writeFileSync(join(tmpdir(), 'command-profile.cpuprofile'), JSON.stringify(profile));
  const self = new Map<number, number>();
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.includes('node_modules') ? url.split('node_modules/')[1]!.split('/')[0]! : url.split('/').slice(-2).join('/') || functionName;
    byFunction.set(`${functionName || '(anonymous)'}  ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`, (byFunction.get(`${functionName || '(anonymous)'}  ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`) ?? 0) + (self.get(node.id) ?? 0));
    byFile.set(file, (byFile.get(file) ?? 0) + (self.get(node.id) ?? 0));
  }
  const total = [...byFunction.values()].reduce((s, v) => s + v, 0);
  const print = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).forEach(([k, us]) => console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}`));
  console.log('-- by file / package'); print(byFile, 30);
  console.log('-- by function'); print(byFunction, Number(values.top));
}
await clients.close();
await checkpointer.stop();
await new Promise<void>((resolve) => server.close(() => resolve()));
await projector.stop?.();
await store.close();
rmSync(dataDir, { recursive: true, force: true });
