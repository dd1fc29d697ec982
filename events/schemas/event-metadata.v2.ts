import { eventMetadataV1 } from './event-metadata.v1.ts';
import { evidenceSchema } from './evidence.ts';

/**
 * Metadata v2: v1 plus the required `evidence` (basis, source, period, reason) of the change.
 * v1 events stay valid against their own schema; readers upcast them (projections/evidence.ts).
 */
export const eventMetadataV2 = {
  ...eventMetadataV1,
  $id: 'orgtrail/EventMetadata/v2',
  required: [...eventMetadataV1.required, 'evidence'],
  properties: {
    ...eventMetadataV1.properties,
    schemaVersion: { type: 'integer', const: 2 },
    evidence: evidenceSchema,
  },
} as const;
