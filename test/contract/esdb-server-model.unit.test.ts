/**
 * The EventStoreDB adapter and the hash-chained decorator over it, on an in-process MODEL of the
 * server's documented rules (test/support/esdb-server-model.ts) — not a substitute for the
 * contract run against a real server (eventstoredb.int.test.ts), which is skipped where none
 * answers. First the whole event store contract on both (raw adapter, and hashChained over it);
 * then the cases that expose what the server does and the embedded store does not: a retried
 * stored batch, `any` after the id cache is gone, per-event timestamps and a leader whose clock is
 * behind, deleted streams, over-size appends, denied access, arbitrary positions, follower reads.
 */
import { describe, expect, it } from 'vitest';
import { hashChained } from '../../src/audit/hash-chained-store.ts';
import { readAuditEvents } from '../../src/audit/read-audit-events.ts';
import { verifyLog } from '../../src/audit/verify-log.ts';
import {
  AppendTooLargeError,
  BadRequestError,
  InvalidPositionError,
  StoreAccessDeniedError,
  StreamDeletedError,
  UnavailableError,
  WrongExpectedRevisionError,
} from '../../src/errors.ts';
import type { RecordedEvent } from '../../src/store/event-store.ts';
import { esdbEventStoreOver } from '../../src/store/eventstoredb/esdb-event-store.ts';
import { EsdbServerModel, type ModelClient } from '../support/esdb-server-model.ts';
import { hidingIntegrity } from '../audit/hiding-integrity.ts';
import { testEvent, testEvents, uniqueStream } from './contract-fixtures.ts';
import { describeEventStoreContract } from './event-store.contract.ts';

describeEventStoreContract('eventstoredb adapter over the server model', async () => esdbEventStoreOver(new EsdbServerModel().client()));
describeEventStoreContract('hash-chained eventstoredb adapter over the server model', async () =>
  hidingIntegrity(hashChained(esdbEventStoreOver(new EsdbServerModel().client()))),
);

function setUp() {
  const server = new EsdbServerModel();
  const clients: ModelClient[] = [];
  const adapter = () => {
    const client = server.client();
    clients.push(client);
    return esdbEventStoreOver(client);
  };
  return { server, clients, adapter, chained: () => hashChained(adapter()) };
}

const recordedAts = (events: RecordedEvent[]) => events.map((e) => e.recordedAt);
const sorted = (values: string[]) => [...values].sort();

describe('retries through the hash chain (defect 1, 4)', () => {
  it('given a batch stored with any whose answer was lost, when it is retried with any, then the original result comes back, nothing is stored twice and the log verifies', async () => {
    const { server, chained } = setUp();
    const store = chained();
    const stream = uniqueStream();
    await store.append(stream, testEvents(2));
    const batch = testEvents(2);
    server.loseNextAnswer();
    await expect(store.append(stream, batch)).rejects.toBeInstanceOf(UnavailableError);

    const retried = await store.append(stream, batch);

    const stored = await store.readStream(stream);
    expect(stored.map((e) => e.id)).toEqual([...stored.slice(0, 2).map((e) => e.id), batch[0]!.id, batch[1]!.id]);
    expect(retried).toEqual({ nextExpectedRevision: 3, position: stored[3]!.position });
    expect(await verifyLog(store)).toMatchObject({ intact: true });
  });

  it('given the server has forgotten recent ids (leader change), when a stored batch is retried with any, then the decorator still finds it: nothing is stored twice', async () => {
    const { server, chained } = setUp();
    const store = chained();
    const stream = uniqueStream();
    const batch = testEvents(3);
    const original = await store.append(stream, batch);
    server.forgetIds();

    const retried = await store.append(stream, batch, { expectedRevision: 'any' });

    expect(retried).toEqual(original);
    expect(await store.readStream(stream)).toHaveLength(3);
  });

  it('given the raw adapter and a forgotten id cache, when a stored batch is retried with any, then the server stores it again: its any is best-effort, as the port states', async () => {
    const { server, adapter } = setUp();
    const store = adapter();
    const stream = uniqueStream();
    const batch = testEvents(1);
    await store.append(stream, batch);
    server.forgetIds();

    await store.append(stream, batch);

    expect((await store.readStream(stream)).map((e) => e.id)).toEqual([batch[0]!.id, batch[0]!.id]);
  });

  it('given a batch stored by another instance, when this instance retries it with its exact revision, then the original result comes back', async () => {
    const { chained } = setUp();
    const [first, second] = [chained(), chained()];
    const stream = uniqueStream();
    await first.append(stream, testEvents(1), { expectedRevision: 'no_stream' });
    const batch = testEvents(2);
    const original = await first.append(stream, batch, { expectedRevision: 0 });
    await first.append(stream, testEvents(1), { expectedRevision: 2 });

    const retried = await second.append(stream, batch, { expectedRevision: 0 });

    expect(retried).toEqual(original);
    expect(await second.streamRevision(stream)).toBe(3);
  });

  it('given a retry racing in just before the original append is decided, then exactly one copy is stored', async () => {
    const { server, chained } = setUp();
    const [first, second] = [chained(), chained()];
    const stream = uniqueStream();
    await first.append(stream, testEvents(1));
    const batch = testEvents(2);
    let raced: Promise<unknown> = Promise.resolve();
    server.beforeNextAppend(async () => {
      raced = second.append(stream, batch);
      await raced;
    });

    await first.append(stream, batch);
    await raced;

    expect((await first.readStream(stream)).map((e) => e.id)).toEqual([expect.any(String), batch[0]!.id, batch[1]!.id]);
    expect(await verifyLog(first)).toMatchObject({ intact: true });
  });
});

describe('recordedAt: one instant per append, never decreasing (defects 2, 3)', () => {
  it('given a server that stamps each event with its own instant, when three events are appended at once, then they share one recordedAt', async () => {
    const { server, adapter } = setUp();
    let now = Date.UTC(2026, 0, 1);
    server.clock = () => (now += 7);
    const store = adapter();
    const stream = uniqueStream();

    await store.append(stream, testEvents(3));

    const stored = await store.readStream(stream);
    const stamps = server.log.filter((r) => r.streamId === stream).map((r) => r.created.getTime());
    expect(new Set(stamps).size).toBe(3);
    expect(new Set(recordedAts(stored)).size).toBe(1);
    expect(stored[0]!.recordedAt).toBe(new Date(stamps[0]!).toISOString());
  });

  it('given a failover to a leader whose clock is 60 s behind, then recordedAt never decreases with position, readers agree, and verify and time paging hold', async () => {
    const { server, adapter, chained } = setUp();
    let now = Date.UTC(2026, 0, 1, 12);
    server.clock = () => (now += 1);
    const store = chained();
    const [a, b] = [uniqueStream(), uniqueStream()];
    await store.append(a, testEvents(2));
    now -= 60_000;
    await store.append(b, testEvents(2));
    await store.append(a, testEvents(1));
    now += 120_000;
    await store.append(b, testEvents(1));

    const all = (await store.readAll()).filter((e) => e.streamId === a || e.streamId === b);
    const times = recordedAts(all);
    expect(times).toEqual(sorted(times));
    expect(Date.parse(times[2]!)).toBeGreaterThanOrEqual(Date.parse(times[1]!));
    const cold = adapter();
    expect(recordedAts(await cold.readStream(b))).toEqual(recordedAts(all.filter((e) => e.streamId === b)));
    expect(await verifyLog(store)).toMatchObject({ intact: true });
    const page = await readAuditEvents(store, { to: times.at(-1)!, limit: 100 });
    expect(page.events.map((e) => e.position)).toEqual(all.slice(0, -1).map((e) => e.position));
  });

  it('given another instance appending with a later clock between this one reading the head and appending, then this append is not recorded before it', async () => {
    const { server, chained, adapter } = setUp();
    let now = Date.UTC(2026, 0, 1, 12);
    server.clock = () => now++;
    const [first, second] = [chained(), chained()];
    const [a, b] = [uniqueStream(), uniqueStream()];
    await first.append(a, testEvents(1));
    server.beforeNextAppend(async () => {
      now += 30_000;
      await second.append(b, testEvents(2));
      now -= 60_000;
    });

    await first.append(a, testEvents(1));

    const ours = (await adapter().readAll()).filter((e) => e.streamId === a || e.streamId === b);
    expect(ours.map((e) => e.streamId)).toEqual([a, b, b, a]);
    expect(recordedAts(ours)).toEqual(sorted(recordedAts(ours)));
    expect(ours[3]!.recordedAt).toBe(ours[2]!.recordedAt);
  });
});

describe('vendor errors as port errors (defect 5)', () => {
  it('given a tombstoned stream, when appended to or read, then StreamDeletedError (410) and nothing is appended', async () => {
    const { server, chained } = setUp();
    const store = chained();
    const stream = uniqueStream();
    await store.append(stream, testEvents(1));
    server.tombstone(stream);

    await expect(store.append(stream, testEvents(1))).rejects.toMatchObject({ name: 'StreamDeletedError', status: 410, code: 'stream_deleted' });
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('given the service user lacks rights, when appending, then StoreAccessDeniedError: 503 with a detail for the operator', async () => {
    const { server, adapter } = setUp();
    server.accessDenied = true;

    const refusal = adapter().append(uniqueStream(), testEvents(1));

    await expect(refusal).rejects.toBeInstanceOf(StoreAccessDeniedError);
    await expect(refusal).rejects.toMatchObject({ status: 503, code: 'store_access_denied', message: expect.stringMatching(/connection string's user/) });
  });

  it('given an append over the server\'s maximum size, then AppendTooLargeError (413) naming the limit, and nothing is appended', async () => {
    const { adapter } = setUp();
    const store = adapter();
    const stream = uniqueStream();

    const refusal = store.append(stream, [{ type: 'Big', data: { text: 'x'.repeat(1024 * 1024) }, metadata: {} }]);

    await expect(refusal).rejects.toBeInstanceOf(AppendTooLargeError);
    await expect(refusal).rejects.toMatchObject({ status: 413, maxAppendSize: 1024 * 1024 });
    expect(await store.streamRevision(stream)).toBeNull();
  });

  it('given a position that is no event\'s, when $all is read from it, then InvalidPositionError, and the audit page names `after`', async () => {
    const { adapter } = setUp();
    const store = adapter();
    const result = await store.append(uniqueStream(), testEvents(1));

    await expect(store.readAll({ fromPosition: result.position + 1 })).rejects.toBeInstanceOf(InvalidPositionError);
    const page = readAuditEvents(store, { after: result.position + 1 });
    await expect(page).rejects.toBeInstanceOf(BadRequestError);
    await expect(page).rejects.toMatchObject({ status: 400, problems: [{ field: 'after', message: expect.any(String) }] });
  });
});

describe('soft-deleted streams (defect 6)', () => {
  it('given a soft-deleted stream, when the service appends to it again, then StreamDeletedError: the chain is never restarted at revision 0', async () => {
    const { server, chained } = setUp();
    const store = chained();
    const stream = uniqueStream();
    await store.append(stream, testEvents(2));
    server.softDelete(stream);

    await expect(store.append(stream, testEvents(1))).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(store.append(stream, testEvents(1), { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(StreamDeletedError);
    expect(server.log.filter((r) => r.streamId === stream && !r.type.startsWith('$'))).toHaveLength(2);
  });

  it('given a soft-deleted stream, when the log is verified, then verify reports the stream as deleted', async () => {
    const { server, chained } = setUp();
    const store = chained();
    const stream = uniqueStream();
    await store.append(stream, testEvents(2));
    await store.append(uniqueStream(), testEvents(1));
    server.softDelete(stream);

    const result = await verifyLog(store);

    expect(result).toMatchObject({ intact: false, streamId: stream, reason: expect.stringMatching(/deleted/) });
  });
});

describe('leader reads (defect 8)', () => {
  it('given a client left on a follower after a failover, when a command reads a stream head, then the read goes to the leader (NotLeader → 503, reconnected) and never answers the follower\'s stale head', async () => {
    const { clients, adapter } = setUp();
    const store = adapter();
    const stream = uniqueStream();
    await store.append(stream, testEvents(3));
    clients[0]!.leaveOnFollower(2);

    await expect(store.streamRevision(stream)).rejects.toBeInstanceOf(UnavailableError);
    expect(await store.streamRevision(stream)).toBe(2);
    expect(clients[0]!.calls.filter((c) => c.op.startsWith('readStream') || c.op === 'append').every((c) => c.requiresLeader)).toBe(true);
  });
});

describe('smaller points (defect 9)', () => {
  it('given a metadata-only stream, when appending no events with stream_exists, then the server decides: accepted, like any stream that exists', async () => {
    const { server, adapter } = setUp();
    const store = adapter();
    const stream = uniqueStream();
    server.streams.set(stream, { last: -1, tombstoned: false, truncateBefore: 0 });

    await expect(store.append(stream, [], { expectedRevision: 'stream_exists' })).resolves.toEqual({ nextExpectedRevision: -1, position: -1 });
    await expect(store.append(uniqueStream(), [], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('given a server that sends no positions on stream reads (before 22.6), then reading says which server version is needed', async () => {
    const { server, adapter } = setUp();
    const store = adapter();
    const stream = uniqueStream();
    await store.append(stream, testEvents(1));
    for (const record of server.log) record.position = 2n ** 64n - 1n;

    await expect(store.readStream(stream)).rejects.toThrow(/22\.6 or later/);
  });

  it('given credentials for appends, then every append carries them: the client then uses its unary Append call, not BatchAppend and its map shared by all clients of the process', async () => {
    const client = new EsdbServerModel().client();
    const store = esdbEventStoreOver(client, { appendCredentials: { username: 'u', password: 'p' } });

    await store.append(uniqueStream(), [testEvent()]);
    await store.append(uniqueStream(), [], { expectedRevision: 'no_stream' });

    expect(client.calls.filter((c) => c.op === 'append').map((c) => c.credentials)).toEqual([
      { username: 'u', password: 'p' },
      { username: 'u', password: 'p' },
    ]);
  });
});
