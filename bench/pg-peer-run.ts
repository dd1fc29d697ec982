/**
 * The PostgreSQL peer's phase of a bench size (`--pg <url>` or `--pg auto`): loads the peer
 * with the relational model's rows, answers the size's cuts through `pg` (parsed: rows typed and
 * assembled into the answer; unparsed: rows as received text), checks every answer equals the
 * read models', and times the service over HTTP on the same cuts, sequentially:
 *   - cold: a second app on the same read models with no answer cache (every answer computed and serialised);
 *   - cached: the served app, whose answers at these cuts are already cached (an answer at a cut is immutable);
 *   - cached, gzip: the same with Accept-Encoding: gzip (the client gunzips before parsing).
 * Each HTTP series has its unparsed time (the whole body received) and parsed time (+ decoding and JSON.parse).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp, type AppDeps } from '../src/http/app.ts';
import type { AsOfQueries, Cut } from './as-of-queries.ts';
import type { ChildHandle } from './child.ts';
import { disagreements, summarise, timeSeries, type LatencySummary, type Series, type View } from './harness.ts';
import type { ClientRequest, ClientResult } from './http-clients.ts';
import { loadPgPeer, PgQueries, type PgLoadStats } from './pg-peer.ts';
import { startTemporaryPostgres } from './pg-server.ts';

export interface PgViewResults {
  pg: { parsed: LatencySummary; unparsed: LatencySummary };
  readModels: LatencySummary;
  http?: Record<'cold' | 'cached' | 'cachedGzip', { unparsed: LatencySummary; parsed: LatencySummary; meanBytes: number }>;
  agreement: { compared: number; disagreements: number; first?: string };
}

export interface PgPeerResults {
  skipped?: string;
  server?: string;
  load?: PgLoadStats;
  views?: Partial<Record<View, PgViewResults>>;
}

export interface PgPeerPhase {
  pg: string;
  orgId: string;
  relationalFile: string;
  cuts: readonly Cut[];
  warmup: number;
  readModels: { impl: AsOfQueries; series: Partial<Record<View, Series>> };
  http?: { deps: AppDeps; baseUrl: string; clients: ChildHandle; urlOf(base: string, view: View, cut: Cut): string };
  log(line: string): void;
}

async function listen(deps: AppDeps): Promise<{ base: string; close(): Promise<void> }> {
  const app = buildApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

export async function runPgPeer(phase: PgPeerPhase): Promise<PgPeerResults> {
  const { log } = phase;
  let url = phase.pg;
  let stop: (() => void) | undefined;
  let server = url;
  if (url === 'auto') {
    const started = await startTemporaryPostgres();
    if ('skipped' in started) {
      log(`  PostgreSQL peer skipped: ${started.skipped}`);
      return { skipped: started.skipped };
    }
    ({ url, stop } = started);
    server = `${started.version}, throw-away server on 127.0.0.1`;
  } else {
    server = url.replace(/\/\/[^@/]*@/, '//');
  }
  try {
    const load = await loadPgPeer(url, phase.relationalFile);
    log(`  PostgreSQL peer loaded in ${(load.loadMs / 1000).toFixed(1)} s (${Object.values(load.rows).reduce((a, b) => a + b, 0).toLocaleString('en-US')} rows)`);
    const peer = await PgQueries.connect(url);
    const views: Partial<Record<View, PgViewResults>> = {};
    let cold: Awaited<ReturnType<typeof listen>> | undefined;
    try {
      if (phase.http) cold = await listen({ ...phase.http.deps, answerCacheBytes: 0 });
      for (const view of ['orgChart', 'pdo'] as View[]) {
        const mine = phase.readModels.series[view]!;
        const parsed = await timeSeries(peer, view, phase.orgId, phase.cuts, { warmup: phase.warmup, fingerprints: 'inline' });
        const unparsed: number[] = [];
        for (const cut of phase.cuts) {
          const t = process.hrtime.bigint();
          await peer.unparsed(view, phase.orgId, cut);
          unparsed.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        const found = await disagreements({ impl: phase.readModels.impl, series: mine }, { impl: peer, series: parsed }, phase.orgId, phase.cuts);
        const result: PgViewResults = {
          pg: { parsed: summarise(parsed.latencies), unparsed: summarise(unparsed) },
          readModels: summarise(mine.latencies),
          agreement: { compared: Math.min(mine.fingerprints.length, parsed.fingerprints.length), disagreements: found.length, ...(found[0] ? { first: JSON.stringify(found[0]) } : {}) },
        };
        if (phase.http && cold) {
          const { clients, urlOf, baseUrl } = phase.http;
          const series = async (base: string, headers?: Record<string, string>) => {
            const urls = phase.cuts.map((cut) => urlOf(base, view, cut));
            const r = await clients.request<ClientResult>({ kind: 'sequential', urls, parse: true, ...(headers ? { headers } : {}) } satisfies ClientRequest);
            return { unparsed: summarise(r.latencies), parsed: summarise(r.parsedLatencies ?? []), meanBytes: r.bytes / Math.max(1, r.completed) };
          };
          // The cold app's first pass is the cold figure; the served app's answers at these cuts were cached by its earlier series.
          const coldSeries = await series(cold.base);
          await series(baseUrl);
          result.http = { cold: coldSeries, cached: await series(baseUrl), cachedGzip: await series(baseUrl, { 'accept-encoding': 'gzip' }) };
        }
        views[view] = result;
        const h = result.http;
        log(`  PostgreSQL ${view.padEnd(8)} parsed p50 ${result.pg.parsed.p50.toFixed(3)} ms, unparsed ${result.pg.unparsed.p50.toFixed(3)} ms; ${result.agreement.disagreements} disagreements in ${result.agreement.compared}` +
          (h ? `; HTTP p50 parsed cold ${h.cold.parsed.p50.toFixed(2)} / cached ${h.cached.parsed.p50.toFixed(2)} / gzip ${h.cachedGzip.parsed.p50.toFixed(2)} ms (unparsed ${h.cold.unparsed.p50.toFixed(2)} / ${h.cached.unparsed.p50.toFixed(2)} / ${h.cachedGzip.unparsed.p50.toFixed(2)})` : ''));
      }
    } finally {
      await cold?.close();
      await peer.close();
    }
    return { server, load, views };
  } finally {
    stop?.();
  }
}
