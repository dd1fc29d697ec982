/**
 * SSE clients of the latency benchmark (bench/sse-latency.ts), in their own process so they
 * do not share the server's event loop: N connections to one live view, each message's
 * arrival stamped on the wall clock (performance.timeOrigin + performance.now(), comparable
 * across processes of one machine to well under a millisecond).
 */
import { SseParser } from '../test/support/sse-client.ts';
import { serveParent } from './child.ts';

export type SseClientsRequest =
  | { kind: 'open'; url: string; clients: number }
  /** Replies once every client has the message with this id, with each client's arrival time. */
  | { kind: 'await'; id: number }
  | { kind: 'close' };

const wallClock = () => performance.timeOrigin + performance.now();
const controllers: AbortController[] = [];
/** Per client: id → arrival time. */
const arrivals: Map<number, number>[] = [];
const waiters = new Set<() => void>();

async function openClient(url: string, index: number): Promise<void> {
  const abort = new AbortController();
  controllers.push(abort);
  const seen = new Map<number, number>();
  arrivals[index] = seen;
  const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: abort.signal });
  if (response.status !== 200 || !response.body) throw new Error(`client ${index}: HTTP ${response.status}`);
  const parser = new SseParser();
  const decoder = new TextDecoder();
  let opened: () => void = () => undefined;
  const snapshot = new Promise<void>((resolve) => (opened = resolve));
  void (async () => {
    try {
      for await (const chunk of response.body!) {
        const at = wallClock();
        for (const item of parser.push(decoder.decode(chunk as Uint8Array, { stream: true }))) {
          if (item.kind !== 'message') continue;
          if (item.message.event === 'snapshot') opened();
          else if (item.message.id !== undefined) seen.set(Number(item.message.id), at);
        }
        for (const waiter of waiters) waiter();
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  await snapshot;
}

function awaitId(id: number): Promise<number[]> {
  return new Promise((resolve) => {
    const check = () => {
      if (!arrivals.every((seen) => seen.has(id))) return;
      waiters.delete(check);
      resolve(arrivals.map((seen) => seen.get(id)!));
    };
    waiters.add(check);
    check();
  });
}

serveParent(async (message) => {
  const request = message as SseClientsRequest;
  switch (request.kind) {
    case 'open':
      await Promise.all(Array.from({ length: request.clients }, (_, i) => openClient(request.url, i)));
      return { opened: request.clients };
    case 'await':
      return { arrivals: await awaitId(request.id) };
    case 'close':
      for (const abort of controllers) abort.abort();
      return { closed: true };
    default: {
      const unknown: never = request;
      throw new Error(`unknown request ${JSON.stringify(unknown)}`);
    }
  }
});
