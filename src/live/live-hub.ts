/**
 * The live hub, built once by the composition root: the shared view streams over the
 * projector, the open SSE sessions, and their settings. Uses only the projector (and through
 * it the event store port), so it behaves the same on the embedded store and on EventStoreDB.
 */
import type { Request, Response } from 'express';
import type { Projector } from '../read/projector.ts';
import { NotFoundError, TooManyRequestsError } from '../errors.ts';
import { requireOrg } from '../read/require-org.ts';
import { runLiveSession, type LiveRequest, type LiveSessionOptions } from './live-session.ts';
import { LiveViews } from './live-views.ts';
import { SseChannel } from './sse-channel.ts';

export interface LiveHubOptions {
  /** Interval of `: heartbeat` comments (default 15 s). */
  heartbeatMs?: number;
  /** Per-client bound on frames waiting for a slow client (default 1,000). */
  maxQueuedMessages?: number;
  /** Per-client bound on bytes waiting for a slow client (default 1 MiB). */
  maxQueuedBytes?: number;
  /** Time a dropped client gets to read its `resync` before its socket is destroyed (default 30 s). */
  dropGraceMs?: number;
  /** Most events replayed on resume before a fresh snapshot is sent instead (default 10,000). */
  maxReplay?: number;
  /**
   * Streams one client address (req.ip: the proxy's client when ORGTRAIL_TRUST_PROXY says so)
   * may hold open at once (default 16); one more is answered 429 before the stream opens, so a
   * client cannot hold every socket of the process.
   */
  maxStreamsPerClient?: number;
}

export class LiveHub {
  readonly views: LiveViews;
  private readonly channels = new Set<SseChannel>();
  private readonly options: LiveSessionOptions;
  private readonly maxStreamsPerClient: number;
  /** Open streams per client address (no entry at zero). */
  private readonly streamsByAddress = new Map<string, number>();

  constructor(
    private readonly projector: Projector,
    clock: () => Date,
    options: LiveHubOptions = {},
  ) {
    this.views = new LiveViews(projector, clock);
    this.maxStreamsPerClient = options.maxStreamsPerClient ?? 16;
    this.options = {
      heartbeatMs: options.heartbeatMs ?? 15_000,
      maxReplay: options.maxReplay ?? 10_000,
      limits: {
        maxQueuedMessages: options.maxQueuedMessages ?? 1_000,
        maxQueuedBytes: options.maxQueuedBytes ?? 2 ** 20,
        dropGraceMs: options.dropGraceMs ?? 30_000,
      },
    };
  }

  /** 404 for an org, unit, objective or indicator unknown as of now (before any SSE header is sent). */
  private requireTargets({ orgId, filter }: LiveRequest): void {
    const models = this.projector.models;
    const org = requireOrg(models, orgId, models.position);
    if (filter.unitId !== undefined && !org.chart.knowsUnit(filter.unitId, models.position)) {
      throw new NotFoundError(`unit ${filter.unitId} does not exist in org ${orgId}`);
    }
    if (filter.objectiveId !== undefined && org.pdo.objectiveHistory(filter.objectiveId, models.position).length === 0) {
      throw new NotFoundError(`objective ${filter.objectiveId} does not exist in org ${orgId}`);
    }
    if (filter.indicatorId !== undefined && org.pdo.indicatorOwner(filter.indicatorId, models.position) === undefined) {
      throw new NotFoundError(`indicator ${filter.indicatorId} does not exist in org ${orgId}`);
    }
  }

  /** Streams the view to the client until it goes away, is dropped, or the hub closes. */
  async serve(req: Request, res: Response, request: LiveRequest): Promise<void> {
    this.requireTargets(request);
    const address = req.ip ?? 'unknown';
    const open = this.streamsByAddress.get(address) ?? 0;
    if (open >= this.maxStreamsPerClient) {
      throw new TooManyRequestsError(`this client already has ${open} live streams open, the most allowed; close one first`, [
        { field: 'address', message: `more than ${this.maxStreamsPerClient} live streams` },
      ]);
    }
    this.streamsByAddress.set(address, open + 1);
    const channel = new SseChannel(res, this.options.limits);
    this.channels.add(channel);
    void channel.closed.then(() => {
      this.channels.delete(channel);
      const left = (this.streamsByAddress.get(address) ?? 1) - 1;
      if (left > 0) this.streamsByAddress.set(address, left);
      else this.streamsByAddress.delete(address);
    });
    req.socket.setTimeout(0);
    try {
      await runLiveSession(this.views, this.projector.models, channel, request, this.options);
    } catch (error) {
      channel.drop('server-error');
      throw error;
    }
  }

  /** Ends every open stream (clients reconnect with Last-Event-ID to another instance or later). */
  close(): void {
    for (const channel of this.channels) channel.end();
  }
}
