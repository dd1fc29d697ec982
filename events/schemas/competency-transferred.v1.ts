import { idSchema } from './fragments.ts';

export const competencyTransferredV1 = {
  $id: 'orgtrail/CompetencyTransferred/v1',
  type: 'object',
  additionalProperties: false,
  required: ['competencyId', 'fromUnitId', 'toUnitId'],
  properties: { competencyId: idSchema, fromUnitId: idSchema, toUnitId: idSchema },
} as const;
