import { dateSchema, idSchema, nameSchema, periodSchema } from './fragments.ts';

/** A source registered once, in its own stream source-<sourceId> (docs/evidence.md). */
export const sourceRegisteredV1 = {
  $id: 'orgtrail/SourceRegistered/v1',
  type: 'object',
  additionalProperties: false,
  required: ['sourceId', 'orgId', 'title', 'kind', 'legalEffect', 'issuedOn', 'period', 'dateQualifier', 'location', 'scope'],
  properties: {
    sourceId: idSchema,
    orgId: idSchema,
    title: { type: 'string', minLength: 1, maxLength: 1000 },
    kind: { type: 'string', minLength: 1, maxLength: 100 },
    legalEffect: { type: 'boolean' },
    issuedOn: { ...dateSchema, nullable: true },
    period: { ...periodSchema, nullable: true },
    dateQualifier: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['kind', 'reason'],
      properties: { kind: { type: 'string', enum: ['approximate', 'inferred'] }, reason: { type: 'string', minLength: 1, maxLength: 2000 } },
    },
    location: {
      type: 'object',
      additionalProperties: false,
      required: ['file', 'lines', 'url'],
      properties: {
        file: { ...nameSchema, nullable: true },
        lines: {
          type: 'array',
          maxItems: 1000,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['from', 'to'],
            properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 } },
          },
        },
        url: { type: 'string', maxLength: 2000, nullable: true },
      },
    },
    scope: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'rootUnitId'],
      properties: {
        kind: { type: 'string', enum: ['complete-structure', 'complete-plan', 'mentions'] },
        rootUnitId: { ...idSchema, nullable: true },
      },
    },
  },
} as const;
