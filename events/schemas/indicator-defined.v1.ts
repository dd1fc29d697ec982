import { idSchema, nameSchema, textSchema } from './fragments.ts';

export const indicatorDefinedV1 = {
  $id: 'orgtrail/IndicatorDefined/v1',
  type: 'object',
  additionalProperties: false,
  required: ['indicatorId', 'objectiveId', 'description', 'kind', 'unit', 'target'],
  properties: {
    indicatorId: idSchema,
    objectiveId: idSchema,
    description: textSchema,
    kind: { ...nameSchema, nullable: true },
    unit: { type: 'string', minLength: 1, maxLength: 50, nullable: true },
    target: { type: 'number' },
  },
} as const;
