import { integritySchema } from '../schemas/integrity.ts';

/** Metadata carried by every system event, whatever its type (SystemEventMetadata); schemaVersion picks the data schema (system-catalogue.ts). */
export const systemEventMetadataV1 = {
  $id: 'orgtrail/SystemEventMetadata/v1',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'recordedBy', 'correlationId', 'causationId'],
  properties: {
    schemaVersion: { type: 'integer', minimum: 1 },
    recordedBy: { type: 'string', minLength: 1, maxLength: 200 },
    correlationId: { type: 'string', minLength: 1, maxLength: 200 },
    causationId: { type: 'string', minLength: 1, maxLength: 200, nullable: true },
    integrity: { ...integritySchema, nullable: true },
  },
} as const;
