import { idSchema } from './fragments.ts';

export const competencyWithdrawnV1 = {
  $id: 'orgtrail/CompetencyWithdrawn/v1',
  type: 'object',
  additionalProperties: false,
  required: ['competencyId', 'unitId'],
  properties: { competencyId: idSchema, unitId: idSchema },
} as const;
