/**
 * Writing the workload through the EventStore port (store.append, expectedRevision 'any').
 *
 * - loadHistory: the whole history, in batches: the generated days are grouped until a group
 *   holds `batchEvents` events or spans `maxDays` days, and all appends of a group are
 *   enqueued in the same tick, so the embedded store's group commit makes them one durable
 *   transaction (one fsync). The store takes recordedAt from its injectable clock once per
 *   transaction: the loader sets the clock to the recording instant of the group's last day,
 *   so recorded instants follow the simulated history (a few days to two weeks after the
 *   effective dates, the backdated corrections months or years after). Events are appended
 *   without ids (the store generates them), as a bulk import would.
 * - benchmarkTailAppends: appends with caller-given event ids, as the command service does
 *   (its idempotency keys), into a copy of the full store — the append cost at that size.
 */
import { validateEvent } from '../events/catalogue.ts';
import type { EventStore, EventToAppend } from '../src/store/event-store.ts';
import type { DomainChecker } from './check-domain.ts';
import type { GeneratedAppend, GeneratedCommit } from './generate.ts';

/** A clock standing still until moved: the store's source of recordedAt while loading. */
export class SimulatedClock {
  private now = new Date(0);
  readonly clock = (): Date => new Date(this.now);

  set(instant: string): void {
    this.now = new Date(instant);
  }
}

export interface LoadStats {
  events: number;
  /** Durable transactions (group commits). */
  transactions: number;
  eventsPerTransaction: number;
  /** Seconds spent in store.append (generation, validation and checks excluded). */
  appendSeconds: number;
  eventsPerSecond: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
}

export interface LoadOptions {
  batchEvents?: number;
  maxDays?: number;
  /** Pass the generated event ids to the store (default: let the store generate them). */
  callerIds?: boolean;
  /** validateEvent on every event before it is appended (as the command service does). */
  validate?: boolean;
  /** Also check every append against the deciders (slow; see check-domain.ts). */
  checker?: DomainChecker;
  onProgress?: (events: number) => void;
}

function toAppend(events: GeneratedAppend['events'], callerIds: boolean): EventToAppend[] {
  return callerIds ? events : events.map(({ type, data, metadata }) => ({ type, data, metadata }));
}

/** All enqueued synchronously, in this tick: the group commit makes them one transaction. */
function appendAll(store: EventStore, appends: readonly GeneratedAppend[], callerIds: boolean) {
  return Promise.all(appends.map((a) => store.append(a.streamId, toAppend(a.events, callerIds), { expectedRevision: 'any' })));
}

export async function loadHistory(store: EventStore, clock: SimulatedClock, commits: Iterable<GeneratedCommit>, options: LoadOptions = {}): Promise<LoadStats> {
  const batchEvents = options.batchEvents ?? 1_000;
  const maxSpanMs = (options.maxDays ?? 14) * 86_400_000;
  const callerIds = options.callerIds ?? false;
  let events = 0;
  let transactions = 0;
  let appendNs = 0n;
  let firstRecordedAt = '';
  let lastRecordedAt = '';
  let nextProgress = 100_000;
  let group: GeneratedAppend[] = [];
  let groupEvents = 0;
  let groupStart = 0;
  const flush = async () => {
    if (group.length === 0) return;
    clock.set(lastRecordedAt);
    const started = process.hrtime.bigint();
    await appendAll(store, group, callerIds);
    appendNs += process.hrtime.bigint() - started;
    transactions += 1;
    events += groupEvents;
    group = [];
    groupEvents = 0;
    if (events >= nextProgress) {
      options.onProgress?.(events);
      nextProgress += 100_000;
    }
  };
  for (const commit of commits) {
    if (options.validate) for (const append of commit.appends) for (const event of append.events) validateEvent(event);
    options.checker?.check(commit);
    const at = Date.parse(commit.recordedAt);
    if (group.length > 0 && at - groupStart >= maxSpanMs) await flush();
    if (group.length === 0) groupStart = at;
    group.push(...commit.appends);
    groupEvents += commit.eventCount;
    firstRecordedAt ||= commit.recordedAt;
    lastRecordedAt = commit.recordedAt;
    if (groupEvents >= batchEvents) await flush();
  }
  await flush();
  const appendSeconds = Number(appendNs) / 1e9;
  return { events, transactions, eventsPerTransaction: events / Math.max(1, transactions), appendSeconds, eventsPerSecond: events / appendSeconds, firstRecordedAt, lastRecordedAt };
}

export interface AppendBenchmark {
  /** Events already in the store before the measured appends. */
  storeEventsBefore: number;
  events: number;
  appends: number;
  transactions: number;
  batchEvents: number;
  callerIds: boolean;
  seconds: number;
  eventsPerSecond: number;
  /** The slowest transaction. */
  slowestTransactionMs: number;
}

/**
 * Appends the generated appends from event number `fromEvent` on (the tail of the history),
 * with their generated ids, in transactions of about `batchEvents` events, timed around the
 * appends only.
 */
export async function benchmarkTailAppends(store: EventStore, commits: Iterable<GeneratedCommit>, fromEvent: number, storeEventsBefore: number, batchEvents = 1_000): Promise<AppendBenchmark> {
  let seen = 0;
  let events = 0;
  let appends = 0;
  let transactions = 0;
  let ns = 0n;
  let slowest = 0n;
  let batch: GeneratedAppend[] = [];
  let batchSize = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const started = process.hrtime.bigint();
    await appendAll(store, batch, true);
    const spent = process.hrtime.bigint() - started;
    ns += spent;
    if (spent > slowest) slowest = spent;
    transactions += 1;
    appends += batch.length;
    events += batchSize;
    batch = [];
    batchSize = 0;
  };
  for (const commit of commits) {
    seen += commit.eventCount;
    if (seen <= fromEvent) continue;
    for (const append of commit.appends) {
      batch.push(append);
      batchSize += append.events.length;
      if (batchSize >= batchEvents) await flush();
    }
  }
  await flush();
  const seconds = Number(ns) / 1e9;
  return { storeEventsBefore, events, appends, transactions, batchEvents, callerIds: true, seconds, eventsPerSecond: events / seconds, slowestTransactionMs: Number(slowest) / 1e6 };
}
