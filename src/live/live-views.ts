/**
 * Each read model's changes as an rxjs Observable derived from the projector's catch-up
 * subscription (`applied$`): one shared computation per (view, org, filter), whatever the
 * number of subscribers (`share()`, torn down with its last subscriber), and never a read of
 * the log. Frames are formatted once and written as is to every subscriber.
 *
 * Order: frames come in position order, synchronously with the projector applying the event,
 * so a frame reads the models exactly at the event's position.
 */
import { finalize, mergeMap, share, type Observable } from 'rxjs';
import type { EventRef } from '../../projections/views.ts';
import type { Projector } from '../read/projector.ts';
import { romeDateOf } from '../time/calendar-date.ts';
import { eventsLiveView } from './events-live.ts';
import { orgIdOfStream } from './live-scope.ts';
import { orgChartLiveView } from './org-chart-live.ts';
import { pdoLiveView } from './pdo-live.ts';
import { formatFrame } from './sse-channel.ts';
import type { LiveFilter, LiveView, LiveViewName } from './live-view.ts';

/** One SSE message, formatted, with the global position it carries as `id`. */
export interface LiveFrame {
  position: number;
  frame: string;
}

/** Events after which the views re-send a whole snapshot instead of a patch (they change many items at once). */
const RESNAPSHOT_TYPES = new Set(['ActAnnulled']);

export class LiveViews {
  private readonly shared = new Map<string, Observable<LiveFrame>>();

  constructor(
    private readonly projector: Projector,
    private readonly clock: () => Date,
  ) {}

  view(name: LiveViewName, orgId: string, filter: LiveFilter = {}): LiveView {
    const context = { models: this.projector.models, clock: this.clock };
    switch (name) {
      case 'org-chart':
        return orgChartLiveView(context, orgId, filter);
      case 'pdo':
        return pdoLiveView(context, orgId, filter);
      case 'events':
        return eventsLiveView(context, orgId, filter);
      default: {
        const unknown: never = name;
        throw new Error(`unknown live view ${String(unknown)}`);
      }
    }
  }

  /** Today's date in Europe/Rome: the `at` of the org-chart and pdo views. */
  today(): string {
    return romeDateOf(this.clock());
  }

  /** The snapshot message of a view as of position. */
  snapshotFrame(view: LiveView, position: number): LiveFrame {
    return { position, frame: formatFrame({ id: position, event: 'snapshot', data: view.snapshot(position) }) };
  }

  /** The message an applied event makes for a view (live or replayed alike), or undefined. */
  frameOf(view: LiveView, ref: EventRef): LiveFrame | undefined {
    if (view.name !== 'events' && RESNAPSHOT_TYPES.has(ref.type)) {
      return orgIdOfStream(ref.streamId) === view.orgId ? this.snapshotFrame(view, ref.position) : undefined;
    }
    const change = view.change(ref);
    return change === undefined ? undefined : { position: ref.position, frame: formatFrame({ id: ref.position, event: 'change', data: change }) };
  }

  orgChartChanges$(orgId: string, filter: LiveFilter = {}): Observable<LiveFrame> {
    return this.changes$(this.view('org-chart', orgId, filter), filter);
  }

  pdoChanges$(orgId: string, filter: LiveFilter = {}): Observable<LiveFrame> {
    return this.changes$(this.view('pdo', orgId, filter), filter);
  }

  events$(orgId: string, filter: LiveFilter = {}): Observable<LiveFrame> {
    return this.changes$(this.view('events', orgId, filter), filter);
  }

  /** The shared stream of a view's frames (views are equal when name, org and filter are). */
  changes$(view: LiveView, filter: LiveFilter): Observable<LiveFrame> {
    const key = JSON.stringify([view.name, view.orgId, filter.unitId ?? null, filter.objectiveId ?? null, filter.indicatorId ?? null]);
    const existing = this.shared.get(key);
    if (existing) return existing;
    const stream: Observable<LiveFrame> = this.projector.applied$.pipe(
      mergeMap(({ ref }) => {
        const frame = ref && this.frameOf(view, ref);
        return frame ? [frame] : [];
      }),
      finalize(() => {
        if (this.shared.get(key) === stream) this.shared.delete(key);
      }),
      share(),
    );
    this.shared.set(key, stream);
    return stream;
  }
}
