import { idSchema } from './fragments.ts';

export const unitDissolvedV1 = {
  $id: 'orgtrail/UnitDissolved/v1',
  type: 'object',
  additionalProperties: false,
  required: ['unitId', 'successorIds'],
  properties: { unitId: idSchema, successorIds: { type: 'array', items: idSchema, maxItems: 100 } },
} as const;
