import { idSchema, linkSchema, textSchema } from './fragments.ts';

/** Only the fields present changed; `years` merges per year (null removes that year). */
export const objectiveRevisedV1 = {
  $id: 'orgtrail/ObjectiveRevised/v1',
  type: 'object',
  additionalProperties: false,
  required: ['objectiveId', 'reason'],
  minProperties: 3,
  properties: {
    objectiveId: idSchema,
    title: { ...textSchema, nullable: true },
    unitId: { ...idSchema, nullable: true },
    years: {
      type: 'object',
      nullable: true,
      required: [],
      propertyNames: { pattern: '^[0-9]{4}$' },
      additionalProperties: { ...textSchema, nullable: true },
      maxProperties: 50,
    },
    links: { type: 'array', items: linkSchema, maxItems: 100, nullable: true },
    reason: { ...textSchema, nullable: true },
  },
} as const;
