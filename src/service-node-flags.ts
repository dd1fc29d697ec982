/**
 * The V8 flags the service runs with. `npm start` passes them (package.json's start script;
 * the Dockerfile runs `npm start`), and so do the benchmark and the tests that start the real
 * service, so that what is measured is what runs. test/unit/service-node-flags.unit.test.ts
 * fails if the start script and this list part.
 *
 * --max-semi-space-size=32 (MiB per semi-space; Node 20's default is 16): a start-up folds the
 * whole log, and much of what it parses survives into the read models, so every scavenge
 * copies survivors. A young generation twice as large halves the scavenges of a rebuild of
 * 1M events (185 → 96; GC time 1.3–1.7 → 0.85–1.0 s) and shortened it by 8–18% in five
 * paired runs, with RSS 30 MiB lower, not higher; HTTP commands (bench, 10k, 50 clients) went
 * from 1,349–1,414/s to 1,482–1,781/s in three paired runs (2026-11-26, 2-core AMD EPYC guest).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

/**
 * The flags of SERVICE_NODE_FLAGS this process was not started with, looking at its command
 * line (`execArgv`) and NODE_OPTIONS: src/main.ts names them in one line at start-up, so that an
 * operator who starts the service another way than `npm start` knows what it runs without.
 */
export function missingServiceNodeFlags(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const given = new Set([...execArgv, ...(nodeOptions ?? '').split(/\s+/)]);
  return SERVICE_NODE_FLAGS.filter((flag) => !given.has(flag));
}
