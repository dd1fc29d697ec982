import { idSchema, nameSchema } from './fragments.ts';

export const headAppointedV1 = {
  $id: 'orgtrail/HeadAppointed/v1',
  type: 'object',
  additionalProperties: false,
  required: ['unitId', 'person', 'title'],
  properties: { unitId: idSchema, person: nameSchema, title: { ...nameSchema, nullable: true } },
} as const;
