import { dateSchema, idSchema, textSchema } from './fragments.ts';

export const measurementRecordedV1 = {
  $id: 'orgtrail/MeasurementRecorded/v1',
  type: 'object',
  additionalProperties: false,
  required: ['indicatorId', 'objectiveId', 'value', 'measuredAt', 'note', 'source'],
  properties: {
    indicatorId: idSchema,
    objectiveId: idSchema,
    value: { type: 'number' },
    measuredAt: dateSchema,
    note: { ...textSchema, nullable: true },
    source: { type: 'string', minLength: 1, maxLength: 2000, nullable: true },
  },
} as const;
