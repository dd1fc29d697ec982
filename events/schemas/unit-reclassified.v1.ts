import { idSchema, nameSchema } from './fragments.ts';

export const unitReclassifiedV1 = {
  $id: 'orgtrail/UnitReclassified/v1',
  type: 'object',
  additionalProperties: false,
  required: ['unitId', 'kind'],
  properties: { unitId: idSchema, kind: nameSchema },
} as const;
