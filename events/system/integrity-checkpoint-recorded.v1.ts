import { hashSchema } from '../schemas/integrity.ts';

/** StreamHeadRecord: a stream's last revision and that event's hash (null if it carries none). */
export const streamHeadV1 = {
  type: 'object',
  additionalProperties: false,
  required: ['revision', 'hash'],
  properties: {
    revision: { type: 'integer', minimum: 0 },
    hash: { ...hashSchema, nullable: true },
  },
} as const;

/** IntegrityCheckpointRecorded: the heads of every stream and the log digest up to one position. */
export const integrityCheckpointRecordedV1 = {
  $id: 'orgtrail/IntegrityCheckpointRecorded/v1',
  type: 'object',
  additionalProperties: false,
  required: ['coversPosition', 'eventCount', 'logDigest', 'heads'],
  properties: {
    coversPosition: { type: 'integer', minimum: -1 },
    eventCount: { type: 'integer', minimum: 0 },
    logDigest: hashSchema,
    heads: { type: 'object', required: [], additionalProperties: streamHeadV1 },
  },
} as const;
