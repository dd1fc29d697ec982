import { idSchema, nameSchema, periodSchema, textSchema } from './fragments.ts';

/**
 * What one source shows over one period, as it states it (contradictions included): evidence,
 * never a change of state. In the org stream (decided against the whole chart). docs/evidence.md.
 */
export const factsAttestedV1 = {
  $id: 'orgtrail/FactsAttested/v1',
  type: 'object',
  additionalProperties: false,
  required: ['sourceId', 'period', 'units', 'competencies', 'heads'],
  properties: {
    sourceId: idSchema,
    period: periodSchema,
    units: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['unitId'],
        properties: { unitId: idSchema, name: nameSchema, parentId: { ...idSchema, nullable: true }, kind: nameSchema },
      },
    },
    competencies: {
      type: 'array',
      maxItems: 5000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['competencyId', 'unitId'],
        properties: { competencyId: idSchema, unitId: idSchema, text: textSchema },
      },
    },
    heads: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['unitId', 'person'],
        properties: { unitId: idSchema, person: nameSchema, title: { ...nameSchema, nullable: true } },
      },
    },
  },
} as const;
