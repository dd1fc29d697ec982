/**
 * The worst case of one command at the documented limits (issue 14, point 1): how long one
 * backdated reorganisation holds the event loop. The app is built by the composition root over
 * an embedded store on disk; one org is given
 *
 *   - a structure at the depth limit: a chain of ORGTRAIL_MAX_UNIT_DEPTH levels, and `units`
 *     units in all, each under a random level of the chain above the last;
 *   - `dates` later change dates (one rename each, of units the command does not touch);
 *
 * written directly as events (quicker than commands; the same events). Then one reorganisation
 * of ORGTRAIL_MAX_REORGANIZATION_CHANGES establishments at the deepest allowed level, backdated
 * before every later date, so the later-date check runs over all of them (none of its changes
 * is ever overridden). Measured: the longest event-loop block while it runs
 * (perf_hooks.monitorEventLoopDelay, 1 ms resolution), the command's duration, and the
 * later-date check alone run without yielding (what one block would be without time slices).
 *
 * `npm run bench -- --only deep [--deep-units N] [--deep-dates N]`; writes bench/results/<date>-deep.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { validateEvent } from '../events/catalogue.ts';
import { laterDateProblems } from '../src/commands/check-later-dates.ts';
import { decideReorganization, type EventDraft } from '../src/commands/decide-reorganization.ts';
import { orgStream } from '../src/commands/streams.ts';
import { DEFAULT_STRUCTURE_LIMITS } from '../src/commands/structure-limits.ts';
import { parseConfig } from '../src/config.ts';
import { createOrgtrail } from '../src/create-orgtrail.ts';
import { Rng } from './prng.ts';

export interface DeepStructureOptions {
  units: number;
  dates: number;
  out: string;
  write: boolean;
  log: (line: string) => void;
}

export interface DeepStructureResults {
  schema: 1;
  date: string;
  machine: { cpus: number; cpuModel: string; node: string };
  workload: { units: number; depth: number; laterDates: number; changes: number; events: number };
  /** Longest event-loop block during the backdated command, wall time, ms (the target: at most 100). */
  longestBlockMs: number;
  /** The CPU time (this process, all threads) of the longest stretch between two turns of the event loop, ms. */
  longestBlockCpuMs: number;
  /** 1-minute load average when it ran: above the number of CPUs, wall-time blocks include waiting for a CPU. */
  loadAverage: number;
  /** The command, from call to acknowledged (decided, appended, fsync'd, applied), ms. */
  commandMs: number;
  /** The later-date check alone, without yielding: one block, were it not sliced, ms. */
  unslicedCheckMs: number;
  accepted: boolean;
}

const ORG = 'deep';
const START_YEAR = 2000;

export async function runDeepStructure(options: DeepStructureOptions): Promise<DeepStructureResults> {
  const { maxUnitDepth: depth, maxReorganizationChanges: changes } = DEFAULT_STRUCTURE_LIMITS;
  const dir = mkdtempSync(join(tmpdir(), 'orgtrail-deep-'));
  const orgtrail = await createOrgtrail(parseConfig({ ORGTRAIL_SEED: 'none', ORGTRAIL_DATA_DIR: dir }));
  try {
    const rng = new Rng(14);
    const random = () => rng.next();
    await orgtrail.commands.createOrg({ orgId: ORG, name: 'Deep' }, { recordedBy: 'bench' });
    const metadata = (effectiveFrom: string, act: string) => ({ schemaVersion: 1, orgId: ORG, recordedBy: 'bench', act: { id: act }, effectiveFrom, correlationId: 'bench-deep', causationId: null });
    const drafts: EventDraft[] = [];
    for (let level = 1; level <= depth; level++) drafts.push({ type: 'UnitEstablished', data: { unitId: `c${level}`, name: `Level ${level}`, kind: 'ufficio', parentId: level === 1 ? null : `c${level - 1}` } });
    for (let i = drafts.length; i < options.units; i++) {
      drafts.push({ type: 'UnitEstablished', data: { unitId: `u${i}`, name: `Unit ${i}`, kind: 'ufficio', parentId: `c${1 + Math.floor(random() * (depth - 1))}` } });
    }
    const events = drafts.map((d) => validateEvent({ ...d, metadata: metadata(`${START_YEAR}-01-01`, 'DG-structure') }));
    for (let day = 0; day < options.dates; day++) {
      const effectiveFrom = new Date(Date.UTC(START_YEAR + 1, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const unitId = `u${depth + Math.floor(random() * (options.units - depth))}`;
      events.push(validateEvent({ type: 'UnitRenamed', data: { unitId, name: `Renamed ${day}` }, metadata: metadata(effectiveFrom, `DG-${day}`) }));
    }
    for (let from = 0; from < events.length; from += 1_000) {
      const revision = await orgtrail.store.streamRevision(orgStream(ORG));
      await orgtrail.store.append(orgStream(ORG), events.slice(from, from + 1_000), { expectedRevision: revision ?? 'no_stream' });
    }
    await orgtrail.projector.waitForPosition(await orgtrail.store.headPosition());
    options.log(`deep: ${options.units} units (depth ${depth}), ${options.dates} later dates; backdated reorganisation of ${changes} changes`);

    const backdated = Array.from({ length: changes }, (_, i) => ({ op: 'establish' as const, unitId: `new${i}`, name: `New ${i}`, kind: 'ufficio', parentId: `c${depth - 1}` }));
    const effectiveFrom = `${START_YEAR}-06-01`;

    // The check alone, unsliced, on the same models (nothing is appended).
    const models = orgtrail.projector.models;
    const chart = models.org(ORG)!.chart;
    const decision = decideReorganization(chart.snapshot({ at: effectiveFrom, maxPosition: models.position }), backdated, () => 'unused', depth);
    if (!decision.ok) throw new Error(`the benchmark's reorganisation is invalid: ${JSON.stringify(decision.problems.slice(0, 3))}`);
    const checkStarted = performance.now();
    await laterDateProblems(chart, decision.events, decision.changeIndexes, effectiveFrom, models.position, depth, Number.POSITIVE_INFINITY);
    const unslicedCheckMs = performance.now() - checkStarted;

    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const started = performance.now();
    // The same, in CPU time: on a shared machine a block's wall time also counts the time other processes had the CPU.
    let longestBlockCpuMs = 0;
    let lastCpu = process.cpuUsage();
    const probe = setInterval(() => {
      const used = process.cpuUsage(lastCpu);
      longestBlockCpuMs = Math.max(longestBlockCpuMs, (used.user + used.system) / 1000);
      lastCpu = process.cpuUsage();
    }, 1);
    let accepted = true;
    try {
      await orgtrail.commands.reorganize({ orgId: ORG, act: { id: 'DG-backdated' }, effectiveFrom, changes: backdated }, { recordedBy: 'bench' });
    } catch (error) {
      accepted = false;
      options.log(`deep: the backdated reorganisation was refused: ${(error as Error).message}`);
    }
    const commandMs = performance.now() - started;
    histogram.disable();
    clearInterval(probe);
    // The histogram records the delay of a 1 ms timer: its maximum is the longest block (plus the resolution).
    const longestBlockMs = Math.max(0, histogram.max / 1e6 - 1);
    const result: DeepStructureResults = {
      schema: 1,
      date: new Date().toISOString().slice(0, 10),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', node: process.version },
      workload: { units: options.units, depth, laterDates: options.dates, changes, events: events.length },
      longestBlockMs: round(longestBlockMs),
      longestBlockCpuMs: round(longestBlockCpuMs),
      loadAverage: round(loadavg()[0]!),
      commandMs: round(commandMs),
      unslicedCheckMs: round(unslicedCheckMs),
      accepted,
    };
    options.log(`deep: longest event-loop block ${result.longestBlockMs} ms (CPU ${result.longestBlockCpuMs} ms, load ${result.loadAverage}); command ${result.commandMs} ms; the check unsliced ${result.unslicedCheckMs} ms`);
    if (options.write) {
      mkdirSync(options.out, { recursive: true });
      const file = join(options.out, `${result.date}-deep.json`);
      writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      options.log(`wrote ${file}`);
    }
    process.stdout.write(
      `\nDeep structure, worst case at the limits (${options.units} units, depth ${depth}, ${options.dates} later dates, ${changes} changes backdated before all of them):\n` +
        `  longest event-loop block  ${result.longestBlockMs} ms wall, ${result.longestBlockCpuMs} ms CPU (target ≤ 100 ms; load average ${result.loadAverage} on ${result.machine.cpus} CPUs)\n  command                   ${result.commandMs} ms\n  later-date check unsliced ${result.unslicedCheckMs} ms\n`,
    );
    return result;
  } finally {
    await orgtrail.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
