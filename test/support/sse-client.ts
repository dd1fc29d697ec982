/**
 * A tiny Server-Sent Events client for tests: fetch + a stream reader + the parser of the
 * HTML "event stream" format (fields id/event/data, `:` comments, blank line dispatches).
 * Collects every message and comment; `waitFor` resolves once a predicate holds.
 */
export interface SseMessage {
  event: string;
  id: string | undefined;
  data: string;
}

export type SseItem = { kind: 'message'; message: SseMessage } | { kind: 'comment'; text: string };

/** Incremental parser: feed text chunks, get the complete items they finish. */
export class SseParser {
  private buffer = '';
  private event = '';
  private id: string | undefined;
  private data: string[] = [];

  push(chunk: string): SseItem[] {
    this.buffer += chunk;
    const items: SseItem[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\n|\r/)) !== -1) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + (this.buffer.startsWith('\r\n', newline) ? 2 : 1));
      const item = this.line(line);
      if (item) items.push(item);
    }
    return items;
  }

  private line(line: string): SseItem | undefined {
    if (line === '') {
      if (this.data.length === 0 && this.event === '') return undefined;
      const message = { event: this.event || 'message', id: this.id, data: this.data.join('\n') };
      this.event = '';
      this.data = [];
      return { kind: 'message', message };
    }
    if (line.startsWith(':')) return { kind: 'comment', text: line.slice(1).trim() };
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id') this.id = value;
    return undefined;
  }
}

export interface SseConnection {
  status: number;
  headers: Headers;
  messages: SseMessage[];
  comments: string[];
  /** Resolves once the predicate holds on the messages received so far (rejects after timeoutMs). */
  waitFor(predicate: (messages: SseMessage[], comments: string[]) => boolean, what: string, timeoutMs?: number): Promise<SseMessage[]>;
  /** Resolves when the server ends the stream (or close() is called). */
  ended: Promise<void>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const listeners = new Set<() => void>();
  const parser = new SseParser();
  const notify = () => listeners.forEach((listener) => listener());
  let done = false;
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) {
        for (const item of parser.push(decoder.decode(chunk as Uint8Array, { stream: true }))) {
          if (item.kind === 'message') messages.push(item.message);
          else comments.push(item.text);
        }
        notify();
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    } finally {
      done = true;
      notify();
    }
  })();
  return {
    status: response.status,
    headers: response.headers,
    messages,
    comments,
    ended,
    close: () => abort.abort(),
    waitFor(predicate, what, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (predicate(messages, comments)) {
            cleanup();
            resolve(messages);
          } else if (done) {
            cleanup();
            reject(new Error(`stream ended before ${what}; got ${messages.length} messages`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${what}; got ${messages.length} messages`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** The data of a message, parsed. */
export function json(message: SseMessage): any {
  return JSON.parse(message.data);
}
