import { idSchema, textSchema } from './fragments.ts';

export const competencyAssignedV1 = {
  $id: 'orgtrail/CompetencyAssigned/v1',
  type: 'object',
  additionalProperties: false,
  required: ['competencyId', 'unitId', 'text'],
  properties: { competencyId: idSchema, unitId: idSchema, text: textSchema },
} as const;
