import { idSchema, nameSchema } from './fragments.ts';

export const orgRegisteredV1 = {
  $id: 'orgtrail/OrgRegistered/v1',
  type: 'object',
  additionalProperties: false,
  required: ['orgId', 'name'],
  properties: { orgId: idSchema, name: nameSchema },
} as const;
