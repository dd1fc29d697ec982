/**
 * The one place older event data becomes the current shape (EventDataByType) for the read
 * models. Data v1 of ObjectiveDefined (metadata v1, v2) had no description, matrix rows or plan
 * item links: it upcasts to none of them, its links as they are (v1 stored the matrix as three
 * flat links per row, merged across rows, so which programma, dimension and driver went
 * together is not in the event: they stay links, no row is guessed). ObjectiveRevised v1 has
 * nothing to add (absent fields did not change). Every other type has one version.
 */
import { dataVersionOf } from './catalogue.ts';
import type { DomainEvent, EventType, ObjectiveDefinedV1 } from './types.ts';

export function upcastEvent(event: { type: EventType; data: unknown; metadata: DomainEvent['metadata'] }): DomainEvent {
  if (event.type === 'ObjectiveDefined' && dataVersionOf(event.type, event.metadata.schemaVersion) === 1) {
    const data = event.data as ObjectiveDefinedV1;
    return { type: 'ObjectiveDefined', metadata: event.metadata, data: { ...data, description: null, matrix: [], planItems: [] } };
  }
  return event as DomainEvent;
}
