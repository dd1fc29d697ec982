/**
 * The restart figure (issue 20, targets 1 and 6): each start in a fresh process
 * (restart-child.ts), on the real service path:
 *
 *  - the empty service (an empty data directory): the RSS baseline;
 *  - the first start on a fresh copy of the store (no integrity checkpoint yet);
 *  - a restart of that copy (its checkpoints now written by the first start).
 *
 * For each: createOrgtrail → first correct org-chart answer over HTTP (its fingerprint equals
 * the one the caller computed from its own read models), RSS after start, and the
 * checkpointer's catch-up after it. The copy is deleted afterwards.
 *
 * Standalone: `npx tsx bench/restart.ts --size 100k [--dir D]` generates the store into D/store
 * (if absent; kept for the next run) and prints the figures as JSON.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ReadModels } from '../projections/read-models.ts';
import { hashChained } from '../src/audit/hash-chained-store.ts';
import { Projector } from '../src/read/projector.ts';
import { SERVICE_NODE_FLAGS } from '../src/service-node-flags.ts';
import { createSqliteEventStore } from '../src/store/embedded/sqlite-event-store.ts';
import { ReadModelQueries } from './as-of-queries.ts';
import { startChild } from './child.ts';
import { generateWorkload, parseSize, sizeLabel, WORKLOAD_ORG_ID } from './generate.ts';
import { fingerprint } from './harness.ts';
import { loadHistory, SimulatedClock } from './load.ts';
import type { RestartRequest, RestartResult } from './restart-child.ts';

export interface RestartFigures {
  events: number;
  cut: { at: string; asKnownAt: string };
  empty: RestartResult;
  firstStart: RestartResult;
  restart: RestartResult;
  /** Every start's answer had the caller's fingerprint. */
  answersCorrect: boolean;
  /** RSS after the restart above the empty service's, per event. */
  rssBytesPerEvent: number;
}

async function startOnce(request: RestartRequest): Promise<RestartResult> {
  const child = startChild('./restart-child.ts', [], [...SERVICE_NODE_FLAGS, '--expose-gc']);
  try {
    return await child.request<RestartResult>(request);
  } finally {
    await child.close();
  }
}

function copyStore(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from)) if (file.startsWith('orgtrail.sqlite')) copyFileSync(join(from, file), join(to, file));
}

/** `expected`: the fingerprint of the org chart at `cut` from read models folded from the same store. */
export async function measureRestart(storeDir: string, scratchDir: string, events: number, cut: { at: string; asKnownAt: string }, expected: string, log: (line: string) => void = () => {}): Promise<RestartFigures> {
  const root = mkdtempSync(join(scratchDir, 'restart-'));
  try {
    const request = (dataDir: string): RestartRequest => ({ dataDir, orgId: WORKLOAD_ORG_ID, ...cut });
    const emptyDir = join(root, 'empty');
    mkdirSync(emptyDir);
    const empty = await startOnce(request(emptyDir));
    const copyDir = join(root, 'copy');
    copyStore(storeDir, copyDir);
    const firstStart = await startOnce(request(copyDir));
    log(`  first start on a fresh copy: first answer ${firstStart.firstAnswerSeconds.toFixed(2)} s, checkpointer caught up ${firstStart.checkpointCatchUpSeconds.toFixed(2)} s later`);
    const restart = await startOnce(request(copyDir));
    const rssBytesPerEvent = (restart.rssBytes - empty.rssBytes) / events;
    log(`  restart: first answer ${restart.firstAnswerSeconds.toFixed(2)} s (CPU ${restart.cpuSecondsToFirstAnswer.toFixed(2)} s; process uptime ${restart.uptimeAtFirstAnswerSeconds.toFixed(2)} s), RSS ${Math.round(restart.rssBytes / 2 ** 20)} MiB (empty service ${Math.round(empty.rssBytes / 2 ** 20)} MiB: ${(rssBytesPerEvent / 1024).toFixed(3)} KB/event)`);
    return { events, cut, empty, firstStart, restart, answersCorrect: firstStart.fingerprint === expected && restart.fingerprint === expected, rssBytesPerEvent };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Targets 1 and 6 at this size (the issue sets them at 1M): restart → first correct answer
 * <= 1.5 s and within 1.5x of the same at 100k (when `at100k` was measured in this run); RSS after
 * start <= 0.35 KB per event above the empty service.
 */
export function restartChecks(r: RestartFigures | undefined, at100k: RestartFigures | undefined): { name: string; target: string; value: string; met: boolean | null; note?: string }[] {
  if (r === undefined) return [{ name: 'restart -> first correct answer', target: '<= 1.5 s', value: 'not run', met: null }];
  const seconds = r.restart.firstAnswerSeconds;
  const correct = r.answersCorrect ? '' : ' (WRONG ANSWER)';
  const ratio = at100k && at100k !== r ? seconds / at100k.restart.firstAnswerSeconds : undefined;
  const kb = r.rssBytesPerEvent / 1024;
  return [
    { name: 'restart -> first correct answer', target: '<= 1.5 s', value: `${seconds.toFixed(2)} s${correct} (CPU ${r.restart.cpuSecondsToFirstAnswer.toFixed(2)} s)`, met: seconds <= 1.5 && r.answersCorrect, note: `first start on a fresh copy ${r.firstStart.firstAnswerSeconds.toFixed(2)} s, its checkpointer caught up ${r.firstStart.checkpointCatchUpSeconds.toFixed(1)} s later in the background` },
    ratio === undefined
      ? { name: 'restart vs 100k', target: '<= 1.5x', value: 'n/a', met: null, note: 'needs the 100k size in the same run' }
      : { name: 'restart vs 100k', target: '<= 1.5x', value: `${ratio.toFixed(2)}x (${seconds.toFixed(2)} / ${at100k!.restart.firstAnswerSeconds.toFixed(2)} s)`, met: ratio <= 1.5 },
    { name: 'RSS after start per event', target: '<= 0.35 KB/event', value: `${kb.toFixed(3)} KB/event (${Math.round(r.restart.rssBytes / 2 ** 20)} MiB, empty service ${Math.round(r.empty.rssBytes / 2 ** 20)} MiB)`, met: kb <= 0.35 },
  ];
}

/** The org chart at the log's last instant on the history's last day, from read models folded in this process. */
export async function referenceAnswer(storeDir: string, lastRecordedAt: string): Promise<{ cut: { at: string; asKnownAt: string }; fingerprint: string }> {
  const store = await createSqliteEventStore({ dataDir: storeDir });
  const models = new ReadModels();
  const projector = new Projector(store, models);
  try {
    await projector.start();
    const cut = { at: lastRecordedAt.slice(0, 10), asKnownAt: lastRecordedAt };
    return { cut, fingerprint: fingerprint('orgChart', new ReadModelQueries(models).orgChart(WORKLOAD_ORG_ID, cut.at, cut.asKnownAt)) };
  } finally {
    await projector.stop();
    await store.close();
  }
}

async function standalone(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string', default: '100k' }, dir: { type: 'string' }, seed: { type: 'string' } } });
  const size = parseSize(values.size);
  const dir = values.dir ?? join(tmpdir(), `orgtrail-restart-${sizeLabel(size)}`);
  const storeDir = join(dir, 'store');
  const log = (line: string) => process.stderr.write(`[restart] ${line}\n`);
  if (!existsSync(join(storeDir, 'orgtrail.sqlite'))) {
    log(`generating ${sizeLabel(size)} into ${storeDir}`);
    const clock = new SimulatedClock();
    const loading = hashChained(await createSqliteEventStore({ dataDir: storeDir, clock: clock.clock }));
    const workload = generateWorkload({ size, ...(values.seed === undefined ? {} : { seed: Number(values.seed) }) });
    const commits = (function* () {
      for (let r = workload.next(); !r.done; r = workload.next()) yield r.value;
    })();
    await loadHistory(loading, clock, commits, { validate: true });
    await loading.close();
  }
  const probe = await createSqliteEventStore({ dataDir: storeDir });
  const [last] = await probe.readAll({ direction: 'backwards', maxCount: 1 });
  // Positions are dense from 1 in the embedded store.
  const events = await probe.headPosition();
  await probe.close();
  if (last === undefined) throw new Error('the store is empty');
  const reference = await referenceAnswer(storeDir, last.recordedAt);
  const figures = await measureRestart(storeDir, dir, events, reference.cut, reference.fingerprint, log);
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await standalone();
