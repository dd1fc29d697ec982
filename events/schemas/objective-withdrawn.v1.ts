import { idSchema, textSchema } from './fragments.ts';

export const objectiveWithdrawnV1 = {
  $id: 'orgtrail/ObjectiveWithdrawn/v1',
  type: 'object',
  additionalProperties: false,
  required: ['objectiveId', 'reason'],
  properties: { objectiveId: idSchema, reason: textSchema },
} as const;
