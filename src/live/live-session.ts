/**
 * One client's live stream: a snapshot (or the replay of what it missed), then the changes.
 *
 * Gap-free and duplicate-free, with the projector's position as the one clock:
 *   1. subscribe to the view's shared stream first, holding its frames back;
 *   2. read the position P the projector has applied (synchronously: every event after P
 *      reaches the subscription, every event up to P is in the read models);
 *   3. send the snapshot at P, or replay the missed events in (lastEventId, P] from the read
 *      models' event index, honouring the client's backpressure;
 *   4. release the held frames (all after P), then pass frames on as they come.
 * Every frame whose position is not after the last one delivered is dropped, so a client
 * resuming with Last-Event-ID N gets every change after N exactly once.
 *
 * A resume further back than `maxReplay` events gets a fresh snapshot instead (replace state).
 * So does a live org-chart or pdo view when today's date (Europe/Rome) changes: checked on
 * each heartbeat, it re-reads the view on the new date at the position already delivered.
 * Held frames count against the client's bounds like queued ones: past them, `resync`.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ReadModels } from '../../projections/read-models.ts';
import type { LiveFrame, LiveViews } from './live-views.ts';
import type { LiveFilter, LiveViewName } from './live-view.ts';
import type { SseChannel, SseLimits } from './sse-channel.ts';

export interface LiveRequest {
  view: LiveViewName;
  orgId: string;
  filter: LiveFilter;
  /** Resume after this position (Last-Event-ID); absent: start with a snapshot. */
  lastEventId?: number;
}

export interface LiveSessionOptions {
  heartbeatMs: number;
  limits: SseLimits;
  /** Most events replayed on resume; a longer gap gets a fresh snapshot. */
  maxReplay: number;
}

/** Replay yields to other clients' I/O after this many events. */
const REPLAY_SLICE = 256;

export async function runLiveSession(views: LiveViews, models: ReadModels, channel: SseChannel, request: LiveRequest, options: LiveSessionOptions): Promise<void> {
  const view = views.view(request.view, request.orgId, request.filter);
  const held: LiveFrame[] = [];
  let heldBytes = 0;
  let live = false;
  let lastSent = Number.NEGATIVE_INFINITY;
  const deliver = (frame: LiveFrame) => {
    if (frame.position <= lastSent) return;
    lastSent = frame.position;
    channel.send(frame.frame);
  };

  const subscription = views.changes$(view, request.filter).subscribe({
    next: (frame) => {
      if (live) return deliver(frame);
      held.push(frame);
      heldBytes += frame.frame.length;
      if (held.length > options.limits.maxQueuedMessages || heldBytes > options.limits.maxQueuedBytes) channel.drop('slow-client');
    },
    error: () => channel.drop('server-error'),
    complete: () => channel.end(),
  });
  let day = views.today();
  const heartbeat = setInterval(() => {
    if (live && view.name !== 'events' && views.today() !== day) {
      day = views.today();
      const position = models.position;
      // Every event up to the projector's position has already been passed on: the snapshot replaces them all.
      lastSent = Math.max(lastSent, position);
      channel.send(views.snapshotFrame(view, position).frame);
    }
    channel.heartbeat();
  }, options.heartbeatMs);
  void channel.closed.then(() => {
    subscription.unsubscribe();
    clearInterval(heartbeat);
  });

  channel.open();
  const position = models.position;
  const resumeAfter = request.lastEventId;
  if (resumeAfter === undefined || countMissed(models, resumeAfter, position, options.maxReplay) > options.maxReplay) {
    deliver(views.snapshotFrame(view, position));
  } else {
    lastSent = resumeAfter;
    let replayed = 0;
    for (const ref of models.refs.between(resumeAfter + 1, position + 1)) {
      if (!channel.isOpen) return;
      const frame = views.frameOf(view, ref);
      if (frame) {
        await channel.writable();
        deliver(frame);
      }
      if (++replayed % REPLAY_SLICE === 0) await yieldToEventLoop();
    }
    lastSent = Math.max(lastSent, position);
  }
  for (const frame of held.splice(0)) deliver(frame);
  live = true;
}

/** Events in (after, upTo], counted up to limit + 1. */
function countMissed(models: ReadModels, after: number, upTo: number, limit: number): number {
  let count = 0;
  for (const _ref of models.refs.between(after + 1, upTo + 1)) if (++count > limit) break;
  return count;
}
