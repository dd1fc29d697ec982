/**
 * Builds RecordedEvents by hand for projection tests: given these events, then this answer.
 * They are written as stored logs of metadata v1 hold them (data schema generation 1), so the
 * read models see them through the upcast (events/upcast.ts).
 */
import type { EventDataV1ByType, EventType } from '../../events/types.ts';
import type { RecordedEvent } from '../../src/store/event-store.ts';

export function recorder(orgId = 'milano') {
  let position = -1;
  const revisions = new Map<string, number>();
  return function record<K extends EventType>(
    streamId: string,
    type: K,
    data: EventDataV1ByType[K],
    at: { effectiveFrom: string; recordedAt: string; act?: string },
  ): RecordedEvent {
    position += 1;
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    return {
      id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      streamId,
      revision,
      position,
      type,
      data,
      metadata: {
        schemaVersion: 1,
        orgId,
        recordedBy: 'test',
        act: at.act ? { id: at.act } : null,
        effectiveFrom: at.effectiveFrom,
        correlationId: 'c',
        causationId: null,
      },
      recordedAt: at.recordedAt,
    };
  };
}
