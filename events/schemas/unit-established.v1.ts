import { idSchema, nameSchema } from './fragments.ts';

export const unitEstablishedV1 = {
  $id: 'orgtrail/UnitEstablished/v1',
  type: 'object',
  additionalProperties: false,
  required: ['unitId', 'name', 'kind', 'parentId'],
  properties: { unitId: idSchema, name: nameSchema, kind: nameSchema, parentId: { ...idSchema, nullable: true } },
} as const;
