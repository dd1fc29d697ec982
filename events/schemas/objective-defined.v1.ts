import { idSchema, linkSchema, nameSchema, textSchema } from './fragments.ts';

export const objectiveDefinedV1 = {
  $id: 'orgtrail/ObjectiveDefined/v1',
  type: 'object',
  additionalProperties: false,
  required: ['objectiveId', 'unitId', 'title', 'plan', 'years', 'links'],
  properties: {
    objectiveId: idSchema,
    unitId: idSchema,
    title: textSchema,
    plan: { ...nameSchema, nullable: true },
    years: {
      type: 'object',
      nullable: true,
      required: [],
      propertyNames: { pattern: '^[0-9]{4}$' },
      additionalProperties: textSchema,
      maxProperties: 50,
    },
    links: { type: 'array', items: linkSchema, maxItems: 100 },
  },
} as const;
