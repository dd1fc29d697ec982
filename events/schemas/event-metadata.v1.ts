import { actSchema, dateSchema, idSchema } from './fragments.ts';
import { integritySchema } from './integrity.ts';

/** Metadata carried by every event, whatever its type. */
export const eventMetadataV1 = {
  $id: 'orgtrail/EventMetadata/v1',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'orgId', 'recordedBy', 'act', 'effectiveFrom', 'correlationId', 'causationId'],
  properties: {
    schemaVersion: { type: 'integer', const: 1 },
    orgId: idSchema,
    recordedBy: { type: 'string', minLength: 1, maxLength: 200 },
    act: { ...actSchema, nullable: true },
    effectiveFrom: dateSchema,
    correlationId: { type: 'string', minLength: 1, maxLength: 200 },
    causationId: { type: 'string', minLength: 1, maxLength: 200, nullable: true },
    provenance: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: [],
      properties: {
        source: {
          type: 'object',
          nullable: true,
          additionalProperties: false,
          required: ['document'],
          properties: {
            document: { type: 'string', minLength: 1, maxLength: 500 },
            location: { type: 'string', maxLength: 500, nullable: true },
          },
        },
        qualifiers: {
          type: 'array',
          nullable: true,
          maxItems: 100,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['kind', 'field', 'reason'],
            properties: {
              kind: { type: 'string', enum: ['approximate', 'inferred'] },
              field: { type: 'string', minLength: 1, maxLength: 200 },
              reason: { type: 'string', minLength: 1, maxLength: 2000 },
            },
          },
        },
      },
    },
    integrity: { ...integritySchema, nullable: true },
  },
} as const;
