import { idSchema } from './fragments.ts';

export const headVacatedV1 = {
  $id: 'orgtrail/HeadVacated/v1',
  type: 'object',
  additionalProperties: false,
  required: ['unitId'],
  properties: { unitId: idSchema },
} as const;
