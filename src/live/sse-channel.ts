/**
 * One Server-Sent Events response with a bounded send queue.
 *
 * Guarantees:
 *   - frames are written in the order they are sent, each whole;
 *   - memory per client is bounded: once `res.write()` returns false the channel stops writing
 *     and queues frames until 'drain'; past `maxQueuedMessages` or `maxQueuedBytes` it writes
 *     `event: resync` `{reason}` and ends the response (destroying the socket after
 *     `dropGraceMs` if the client never reads it), so a slow client never slows anyone else;
 *   - heartbeats are comments (`: heartbeat`), skipped while the client is behind (they would
 *     only add to its backlog);
 *   - `closed` resolves once, as soon as the channel stops taking frames for any reason (client
 *     gone, dropped, ended), even while a dropped client has not read its last bytes yet.
 */
import type { Response } from 'express';

export interface SseLimits {
  maxQueuedMessages: number;
  maxQueuedBytes: number;
  /** How long a dropped client may take to read its resync before the socket is destroyed. */
  dropGraceMs: number;
}

export interface SseFrame {
  id?: number;
  event: string;
  data: unknown;
}

/** `id: 7\nevent: change\ndata: {...}\n\n` — JSON.stringify never emits a raw newline, so data is one line. */
export function formatFrame(frame: SseFrame): string {
  return `${frame.id === undefined ? '' : `id: ${frame.id}\n`}event: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;
}

export class SseChannel {
  private readonly queue: string[] = [];
  private queuedBytes = 0;
  private blocked = false;
  private ended = false;
  private writableWaiters: (() => void)[] = [];
  private readonly onClosed: Promise<void>;
  private resolveClosed!: () => void;

  constructor(
    private readonly res: Response,
    private readonly limits: SseLimits,
  ) {
    this.onClosed = new Promise((resolve) => (this.resolveClosed = resolve));
    res.once('close', () => this.finish());
    res.on('drain', () => this.flush());
  }

  /** Sends the SSE headers at once, so the client sees the stream open before the first frame. */
  open(): void {
    this.res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      // The stream is the connection's last response: when it ends (dropped, server closing) the socket goes too.
      Connection: 'close',
      'X-Accel-Buffering': 'no',
    });
    this.res.flushHeaders();
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** Resolves once the channel takes no more frames (client gone, dropped or ended). */
  get closed(): Promise<void> {
    return this.onClosed;
  }

  /** Writes the frame now, or queues it while the client is behind; drops the client past the bounds. */
  send(frame: string): void {
    if (this.ended) return;
    if (!this.blocked) {
      this.blocked = !this.res.write(frame);
      return;
    }
    this.queue.push(frame);
    this.queuedBytes += Buffer.byteLength(frame);
    if (this.queue.length > this.limits.maxQueuedMessages || this.queuedBytes > this.limits.maxQueuedBytes) this.drop('slow-client');
  }

  /** Resolves when a frame sent now would be written at once (or the channel is closed). */
  writable(): Promise<void> {
    if (!this.blocked || this.ended) return Promise.resolve();
    return new Promise((resolve) => this.writableWaiters.push(resolve));
  }

  heartbeat(): void {
    if (!this.ended && !this.blocked) this.blocked = !this.res.write(': heartbeat\n\n');
  }

  /** Tells the client to start over (`event: resync`), then ends the response. */
  drop(reason: string): void {
    if (this.ended) return;
    this.res.end(formatFrame({ event: 'resync', data: { reason } }));
    const socket = this.res.socket;
    if (socket) setTimeout(() => socket.destroy(), this.limits.dropGraceMs).unref();
    this.finish();
  }

  end(): void {
    if (this.ended) return;
    this.res.end();
    this.finish();
  }

  private flush(): void {
    this.blocked = false;
    while (this.queue.length > 0 && !this.blocked && !this.ended) {
      const frame = this.queue.shift()!;
      this.queuedBytes -= Buffer.byteLength(frame);
      this.blocked = !this.res.write(frame);
    }
    if (!this.blocked) this.releaseWaiters();
  }

  private finish(): void {
    this.ended = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.releaseWaiters();
    this.resolveClosed();
  }

  private releaseWaiters(): void {
    for (const resolve of this.writableWaiters.splice(0)) resolve();
  }
}
