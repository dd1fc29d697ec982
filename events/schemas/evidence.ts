import { BASES, idSchema, periodSchema } from './fragments.ts';

/** metadata.evidence (metadata v2): how a change is known. See docs/evidence.md. */
export const evidenceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['basis', 'sourceId', 'inferredFrom', 'period', 'reason'],
  properties: {
    basis: { type: 'string', enum: BASES },
    sourceId: { ...idSchema, nullable: true },
    inferredFrom: { type: 'array', maxItems: 20, items: idSchema },
    period: { ...periodSchema, nullable: true },
    reason: { type: 'string', minLength: 1, maxLength: 2000, nullable: true },
  },
} as const;
