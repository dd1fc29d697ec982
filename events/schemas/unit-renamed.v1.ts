import { idSchema, nameSchema } from './fragments.ts';

export const unitRenamedV1 = {
  $id: 'orgtrail/UnitRenamed/v1',
  type: 'object',
  additionalProperties: false,
  required: ['unitId', 'name'],
  properties: { unitId: idSchema, name: nameSchema },
} as const;
