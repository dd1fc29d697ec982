/**
 * The system-time axis (`recordedAt`) of the EventStoreDB adapter.
 *
 * The server stamps every event with the leader's clock, one instant per event, and after a
 * leader change the new leader's clock may be behind (nodes may differ by up to
 * GossipAllowedDifferenceMs, 60 s by default, and more without complaint). So the adapter does
 * not expose the server's stamps as they are. It defines:
 *
 *   instant(append)  = the server's stamp of the append's first event (envelope `i` locates it)
 *   recordedAt(e)    = max(instant(append of e), recordedAt(the event just before that append))
 *
 * Guarantees, by construction and on any cluster history: every event of one append has the same
 * recordedAt (an `asKnownAt` cut never splits a command), and recordedAt never decreases as the
 * position grows. It is never earlier than the server's stamp, and later only by as much as a
 * clock went back. It is a function of the log alone (what came before a position never
 * changes), so every reader computes the same value, at any time.
 *
 * Cost. recordedAt is a running maximum; computing it needs the previous event's value. Readers
 * that go in position order (subscriptions, $all pages) carry it along. For the others, two
 * things keep it cheap: values already computed are remembered (the last MAX_REMEMBERED
 * positions), and every append carries, in its envelope, the recordedAt of the event the writer
 * read as the store's head just before appending (`after`, `floor`): when nothing else was
 * appended in between, that is exactly the value needed, and one short read backwards from the
 * append proves that nothing was. Appends racing with it (another instance) are resolved by
 * looking back at them in turn.
 *
 * An event written by another client has no envelope: it counts as an append of its own.
 */
import type { RecordedEvent } from '../event-store.ts';
import type { Envelope } from './esdb-envelope.ts';

/** An event as read from the server, before its recordedAt is resolved; `metadata` is the caller's (the envelope removed). */
export interface StoredEvent extends Omit<RecordedEvent, 'recordedAt'> {
  /** The server's stamp, ms since the epoch. */
  created: number;
  envelope?: Envelope;
}

export interface SystemTimeSource {
  /** Up to `count` events (system events excluded) before `position`, nearest first. */
  before(position: number, count: number): Promise<StoredEvent[]>;
  /** The event at `revision` of `streamId`, if it can be read. */
  at(streamId: string, revision: number): Promise<StoredEvent | undefined>;
}

const MAX_REMEMBERED = 200_000;
const LOOKBACK = 16;

/** Events read in one call: found again by position or by stream and revision without another read. */
class Hand {
  readonly byPosition = new Map<number, StoredEvent>();
  readonly byRevision = new Map<string, StoredEvent>();

  add(event: StoredEvent): void {
    this.byPosition.set(event.position, event);
    this.byRevision.set(`${event.revision}@${event.streamId}`, event);
  }
}

/** A Map that forgets its oldest entries beyond `limit`. */
class Remembered {
  readonly #entries = new Map<number, number>();
  constructor(private readonly limit: number) {}

  get(key: number): number | undefined {
    return this.#entries.get(key);
  }

  set(key: number, value: number): void {
    this.#entries.set(key, value);
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

export class SystemTime {
  /** position → recordedAt (ms). */
  readonly #recorded: Remembered;
  /** position → position of the event just before it (-1: none). */
  readonly #previous: Remembered;

  constructor(
    private readonly source: SystemTimeSource,
    limit = MAX_REMEMBERED,
  ) {
    this.#recorded = new Remembered(limit);
    this.#previous = new Remembered(limit);
  }

  /**
   * Events that follow each other in $all with nothing between them (system events aside), in
   * position order; `predecessor` is the position of the event just before the first, -1 if none,
   * undefined if unknown.
   */
  async resolveRun(run: StoredEvent[], predecessor?: number): Promise<RecordedEvent[]> {
    const hand = new Hand();
    run.forEach((event, i) => {
      hand.add(event);
      const before = i > 0 ? run[i - 1]!.position : predecessor;
      if (before !== undefined) this.#previous.set(event.position, before);
    });
    const resolved: RecordedEvent[] = [];
    for (const event of run) resolved.push(toRecorded(event, await this.#recordedAt(event, hand)));
    return resolved;
  }

  /** Events in any order, from anywhere in $all (a stream read). */
  async resolveScattered(events: StoredEvent[]): Promise<RecordedEvent[]> {
    const hand = new Hand();
    for (const event of events) hand.add(event);
    const resolved: RecordedEvent[] = [];
    for (const event of events) resolved.push(toRecorded(event, await this.#recordedAt(event, hand)));
    return resolved;
  }

  async #recordedAt(event: StoredEvent, hand: Hand): Promise<number> {
    const known = this.#recorded.get(event.position);
    if (known !== undefined) return known;
    const first = await this.#firstOfAppend(event, hand);
    const value = first === event ? await this.#appendRecordedAt(event, hand) : await this.#recordedAt(first, hand);
    this.#recorded.set(event.position, value);
    return value;
  }

  /** recordedAt of the first event of an append: its own stamp, or the one before it if later. */
  async #appendRecordedAt(first: StoredEvent, hand: Hand): Promise<number> {
    const previous = await this.#previousOf(first.position, hand);
    if (previous === undefined) return first.created;
    const envelope = first.envelope;
    const before =
      envelope !== undefined && envelope.after === previous.position && envelope.floor !== null ? envelope.floor : await this.#recordedAt(previous, hand);
    return Math.max(first.created, before);
  }

  async #firstOfAppend(event: StoredEvent, hand: Hand): Promise<StoredEvent> {
    const index = event.envelope?.index ?? 0;
    if (index === 0) return event;
    const revision = event.revision - index;
    const first = hand.byRevision.get(`${revision}@${event.streamId}`) ?? (await this.source.at(event.streamId, revision));
    // A first event that cannot be read any more (scavenged): the event stands for its append.
    if (first === undefined || first.envelope?.index !== 0) return event;
    hand.add(first);
    return first;
  }

  /** The event just before `position` in $all (system events aside); undefined at the start of the log. */
  async #previousOf(position: number, hand: Hand): Promise<StoredEvent | undefined> {
    const linked = this.#previous.get(position);
    if (linked === -1) return undefined;
    const inHand = linked === undefined ? undefined : hand.byPosition.get(linked);
    if (inHand) return inHand;
    const found = await this.source.before(position, LOOKBACK);
    let at = position;
    for (const event of found) {
      hand.add(event);
      this.#previous.set(at, event.position);
      at = event.position;
    }
    if (found.length < LOOKBACK) this.#previous.set(at, -1);
    return found[0];
  }
}

function toRecorded(event: StoredEvent, recordedAt: number): RecordedEvent {
  const { id, streamId, revision, position, type, data, metadata } = event;
  return { id, streamId, revision, position, type, data, metadata, recordedAt: new Date(recordedAt).toISOString() };
}
