/**
 * CPU profiles of the phases that miss targets, for whoever optimises them:
 *
 *   npx tsx bench/profile.ts --size 1m [--data-dir DIR] [--phase rebuild|org-chart|pdo|all] [--out DIR]
 *
 * Loads the workload into --data-dir (default: <os tmpdir>/orgtrail-profile-<size>) unless a store is already there (so the next profile
 * reuses it), then profiles the phase with the inspector's sampling profiler: the rebuild
 * (open the store and start the projector on fresh read models), or the 200 as-of queries of a
 * view on the read models. Writes <phase>.cpuprofile (open it in Chrome DevTools) and prints
 * the functions with the most self time.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ReadModels } from '../projections/read-models.ts';
import { Projector } from '../src/read/projector.ts';
import { SERVICE_NODE_FLAGS } from '../src/service-node-flags.ts';
import { createSqliteEventStore } from '../src/store/embedded/sqlite-event-store.ts';
import { ReadModelQueries } from './as-of-queries.ts';
import { respawnWithFlags } from './child.ts';
import { generateWorkload, parseSize, WORKLOAD_ORG_ID } from './generate.ts';
import { makeCuts, timeSeries, type View } from './harness.ts';
import { loadHistory, SimulatedClock } from './load.ts';

respawnWithFlags(import.meta.url, SERVICE_NODE_FLAGS);

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1m' },
    'data-dir': { type: 'string' },
    phase: { type: 'string', default: 'all' },
    out: { type: 'string', default: tmpdir() },
    top: { type: 'string', default: '25' },
  },
});
const size = parseSize(values.size);
const dataDir = values['data-dir'] ?? join(tmpdir(), `orgtrail-profile-${values.size}`);
const phases = values.phase === 'all' ? ['rebuild', 'org-chart', 'pdo'] : [values.phase];
mkdirSync(values.out, { recursive: true });

const session = new Session();
session.connect();
const post = <T>(method: string, params?: object) =>
  new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));

async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const { profile } = await post<{ profile: Profiler.Profile }>('Profiler.stop');
  const file = join(values.out, `${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`\n== ${name}: ${ms.toFixed(0)} ms — ${file}`);
  printTop(profile, Number(values.top));
  return result;
}

function printTop(profile: Profiler.Profile, top: number): void {
  const self = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'}  ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  const total = [...byFunction.values()].reduce((s, v) => s + v, 0);
  for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  }
}

if (!existsSync(join(dataDir, 'orgtrail.sqlite'))) {
  console.log(`loading ${values.size} into ${dataDir}`);
  const clock = new SimulatedClock();
  const store = await createSqliteEventStore({ dataDir, clock: clock.clock });
  await loadHistory(store, clock, generateWorkload({ size }));
  await store.close();
}

const store = await createSqliteEventStore({ dataDir });
const models = new ReadModels();
const projector = new Projector(store, models);
if (phases.includes('rebuild')) await profiled('rebuild', () => projector.start());
else await projector.start();
const first = await store.readAll({ maxCount: 1 });
const last = await store.readAll({ direction: 'backwards', maxCount: 1 });
const cuts = makeCuts(200, first[0]!.recordedAt, last[0]!.recordedAt);
const queries = new ReadModelQueries(models);
for (const [phase, view] of [['org-chart', 'orgChart'], ['pdo', 'pdo']] as [string, View][]) {
  if (!phases.includes(phase)) continue;
  await timeSeries(queries, view, WORKLOAD_ORG_ID, cuts.slice(0, 20), { fingerprints: 'none' });
  await profiled(phase, () => timeSeries(queries, view, WORKLOAD_ORG_ID, cuts, { fingerprints: 'none' }));
}
await projector.stop();
await store.close();
session.disconnect();
