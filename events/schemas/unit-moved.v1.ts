import { idSchema } from './fragments.ts';

/** parentId null: the unit becomes a root of the org chart. */
export const unitMovedV1 = {
  $id: 'orgtrail/UnitMoved/v1',
  type: 'object',
  additionalProperties: false,
  required: ['unitId', 'parentId'],
  properties: { unitId: idSchema, parentId: { ...idSchema, nullable: true } },
} as const;
