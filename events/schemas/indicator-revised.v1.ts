import { idSchema, nameSchema, textSchema } from './fragments.ts';

/** Description or kind changed; target changes are IndicatorTargetRevised. */
export const indicatorRevisedV1 = {
  $id: 'orgtrail/IndicatorRevised/v1',
  type: 'object',
  additionalProperties: false,
  required: ['indicatorId', 'objectiveId'],
  minProperties: 3,
  properties: {
    indicatorId: idSchema,
    objectiveId: idSchema,
    description: { ...textSchema, nullable: true },
    kind: { ...nameSchema, nullable: true },
  },
} as const;
