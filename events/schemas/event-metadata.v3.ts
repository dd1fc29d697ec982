import { eventMetadataV2 } from './event-metadata.v2.ts';

/**
 * Metadata v3: the envelope of v2, unchanged; the version says the data was written with the
 * catalogue's second generation of data schemas (ObjectiveDefined v2, ObjectiveRevised v2; every
 * other type its v1). See events/catalogue.ts, DATA_GENERATION.
 */
export const eventMetadataV3 = {
  ...eventMetadataV2,
  $id: 'orgtrail/EventMetadata/v3',
  properties: { ...eventMetadataV2.properties, schemaVersion: { type: 'integer', const: 3 } },
} as const;
