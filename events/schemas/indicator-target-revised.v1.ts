import { idSchema } from './fragments.ts';

export const indicatorTargetRevisedV1 = {
  $id: 'orgtrail/IndicatorTargetRevised/v1',
  type: 'object',
  additionalProperties: false,
  required: ['indicatorId', 'objectiveId', 'target', 'unit'],
  properties: {
    indicatorId: idSchema,
    objectiveId: idSchema,
    target: { type: 'number' },
    unit: { type: 'string', minLength: 1, maxLength: 50, nullable: true },
  },
} as const;
