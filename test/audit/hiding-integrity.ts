/**
 * A view of a hash-chained store whose reads leave out the `integrity` member the chain adds to
 * metadata — the one intended difference from the port's contract ("metadata kept as given") —
 * so that the contract suite checks everything else of the decorated store unchanged.
 */
import { isRecord, withoutIntegrity } from '../../src/audit/event-hash.ts';
import type { EventStore, RecordedEvent, Subscription } from '../../src/store/event-store.ts';

function strip(event: RecordedEvent): RecordedEvent {
  return isRecord(event.metadata) && 'integrity' in event.metadata ? { ...event, metadata: withoutIntegrity(event.metadata) } : event;
}

export function hidingIntegrity(store: EventStore): EventStore {
  return {
    kind: store.kind,
    append: (streamId, events, options) => store.append(streamId, events, options),
    readStream: async (streamId, options) => (await store.readStream(streamId, options)).map(strip),
    readAll: async (options) => (await store.readAll(options)).map(strip),
    streamRevision: (streamId) => store.streamRevision(streamId),
    headPosition: () => store.headPosition(),
    subscribeToAll(options): Subscription {
      const inner = store.subscribeToAll(options);
      return {
        close: () => inner.close(),
        async *[Symbol.asyncIterator]() {
          for await (const event of inner) yield strip(event);
        },
      };
    },
    close: () => store.close(),
  };
}
