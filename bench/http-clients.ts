/**
 * HTTP clients of the benchmark, in their own process (started by run.ts): node:http with a
 * keep-alive agent, N concurrent clients each sending its next request as soon as the previous
 * one is answered (closed loop). Every response body is read in full.
 *
 * The load generator shares the machine's cores with the server, so its own CPU per request is
 * part of what the benchmark can reach: with global fetch (WHATWG streams and a Response per
 * request) it used 0.86 of a core to drive about 1,070 measurements/s; with node:http, 0.34 of a
 * core for about 1,860/s (2-core bench machine, 2026-11-26).
 */
import { Agent, request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serveParent } from './child.ts';

export type ClientRequest =
  /** `parse`: also time decoding (gunzip / brotli when compressed) and JSON.parse of each body, into parsedLatencies. */
  | { kind: 'sequential'; urls: string[]; headers?: Record<string, string>; parse?: boolean }
  | { kind: 'load'; urls: string[]; concurrency: number; durationMs: number; warmupMs: number }
  | {
      kind: 'commands';
      command: 'measurement' | 'reorganization';
      baseUrl: string;
      /** Bearer token allowed to write (editor or admin). */
      token: string;
      orgId: string;
      /** Indicator ids (measurements) or unit ids (reorganisations: head appointments). */
      targetIds: string[];
      effectiveFrom: string;
      concurrency: number;
      durationMs: number;
      warmupMs: number;
    };

export interface ClientResult {
  /** Milliseconds per request completed in the measured window, in completion order. */
  latencies: number[];
  /** Sequential with `parse`: milliseconds per request until its body was decoded and parsed. */
  parsedLatencies?: number[];
  statuses: Record<string, number>;
  /** Requests completed in the measured window (after the warm-up). */
  completed: number;
  ok: number;
  seconds: number;
  bytes: number;
  /** CPU the load generator used over the whole run (warm-up included), in cores: it shares the machine with the server. */
  clientCores?: number;
  firstError?: string;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

interface Reply {
  status: number;
  ok: boolean;
  body: Buffer;
  encoding?: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/** One request on a kept-alive connection; resolves with the whole body. */
function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve({ status, ok: status >= 200 && status < 300, body: Buffer.concat(chunks), ...(typeof res.headers['content-encoding'] === 'string' ? { encoding: res.headers['content-encoding'] } : {}) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

function decoded(reply: Reply): string {
  const body = reply.encoding === 'gzip' ? gunzipSync(reply.body) : reply.encoding === 'br' ? brotliDecompressSync(reply.body) : reply.body;
  return body.toString('utf8');
}

async function sequential(urls: string[], headers?: Record<string, string>, parse = false): Promise<ClientResult> {
  const result: ClientResult = { latencies: [], statuses: {}, completed: 0, ok: 0, seconds: 0, bytes: 0, ...(parse ? { parsedLatencies: [] } : {}) };
  const started = now();
  for (const url of urls) {
    const t = now();
    const response = await send(url, headers ? { headers } : {});
    result.latencies.push(now() - t);
    if (parse && response.ok) {
      JSON.parse(decoded(response));
      result.parsedLatencies!.push(now() - t);
    }
    record(result, response.status, response.body.byteLength);
    if (!response.ok && !result.firstError) result.firstError = `${response.status} ${response.body.toString('utf8').slice(0, 300)}`;
  }
  result.seconds = (now() - started) / 1000;
  return result;
}

function record(result: ClientResult, status: number, bytes: number): void {
  result.statuses[status] = (result.statuses[status] ?? 0) + 1;
  result.completed += 1;
  result.bytes += bytes;
  if (status >= 200 && status < 300) result.ok += 1;
}

/** Closed-loop clients until the deadline; requests completing during the warm-up are not counted. */
async function closedLoop(concurrency: number, durationMs: number, warmupMs: number, next: (client: number, i: number) => Promise<Reply>): Promise<ClientResult> {
  const result: ClientResult = { latencies: [], statuses: {}, completed: 0, ok: 0, seconds: durationMs / 1000, bytes: 0 };
  const start = now();
  const cpuAtStart = process.cpuUsage();
  const measureFrom = start + warmupMs;
  const deadline = measureFrom + durationMs;
  let sent = 0;
  const client = async (c: number) => {
    while (now() < deadline) {
      const t = now();
      let status = 0;
      let bytes = 0;
      try {
        const response = await next(c, sent++);
        status = response.status;
        bytes = response.body.byteLength;
        if (!response.ok && !result.firstError) result.firstError = `${response.status} ${response.body.toString('utf8').slice(0, 300)}`;
      } catch (error) {
        result.firstError ??= String(error);
      }
      const done = now();
      // Throughput counts the responses that arrive within the window, whenever they were sent.
      if (done >= measureFrom && done <= deadline) {
        result.latencies.push(done - t);
        record(result, status, bytes);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, c) => client(c)));
  const cpu = process.cpuUsage(cpuAtStart);
  result.clientCores = (cpu.user + cpu.system) / 1000 / (now() - start);
  return result;
}

async function handle(message: unknown): Promise<ClientResult> {
  const request = message as ClientRequest;
  switch (request.kind) {
    case 'sequential':
      return sequential(request.urls, request.headers, request.parse);
    case 'load':
      return closedLoop(request.concurrency, request.durationMs, request.warmupMs, (_c, i) => send(request.urls[i % request.urls.length]!));
    case 'commands': {
      const { baseUrl, orgId, targetIds, effectiveFrom } = request;
      const org = `${baseUrl}/api/v1/orgs/${orgId}`;
      const json = { 'content-type': 'application/json', authorization: `Bearer ${request.token}` };
      return closedLoop(request.concurrency, request.durationMs, request.warmupMs, (c, i) => {
        const target = targetIds[(i * 7919 + c) % targetIds.length]!;
        if (request.command === 'measurement') {
          const body = { value: (i % 1000) / 10, measuredAt: effectiveFrom, note: `bench client ${c}` };
          return send(`${org}/indicators/${target}/measurements`, { method: 'POST', headers: json, body: JSON.stringify(body) });
        }
        const body = {
          act: { id: `BENCH-${c}-${i}`, kind: 'decreto' },
          effectiveFrom,
          changes: [{ op: 'appoint-head', unitId: target, person: `Persona ${c}-${i}`, title: 'Dirigente' }],
        };
        return send(`${org}/reorganizations`, { method: 'POST', headers: json, body: JSON.stringify(body) });
      });
    }
    default:
      throw new Error(`unknown request ${JSON.stringify(message)}`);
  }
}

serveParent(handle);
