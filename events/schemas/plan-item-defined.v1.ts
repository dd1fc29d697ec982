import { idSchema, nameSchema, textSchema } from './fragments.ts';

/**
 * An item of a plan that is not a directorate's objective: a strategic dimension, a
 * cross-cutting objective. Stream plan-item-<orgId>.<itemId>; objectives link to it by itemId.
 */
export const planItemDefinedV1 = {
  $id: 'orgtrail/PlanItemDefined/v1',
  type: 'object',
  additionalProperties: false,
  required: ['itemId', 'plan', 'kind', 'code', 'title', 'description'],
  properties: {
    itemId: idSchema,
    plan: nameSchema,
    kind: nameSchema,
    code: { type: 'string', minLength: 1, maxLength: 200, nullable: true },
    title: textSchema,
    description: { ...textSchema, nullable: true },
  },
} as const;
