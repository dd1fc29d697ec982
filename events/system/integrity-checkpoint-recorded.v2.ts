import { hashSchema } from '../schemas/integrity.ts';
import { streamHeadV1 } from './integrity-checkpoint-recorded.v1.ts';

const sinceCoversPosition = { type: 'integer', minimum: -1 } as const;

/**
 * IntegrityCheckpointRecorded v2: a full checkpoint lists the head of every stream (as v1); a
 * delta lists only the heads that changed after the previous checkpoint's coversPosition
 * (`sinceCoversPosition`, present exactly when `kind` is `delta`).
 */
export const integrityCheckpointRecordedV2 = {
  $id: 'orgtrail/IntegrityCheckpointRecorded/v2',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'coversPosition', 'eventCount', 'logDigest', 'streamCount', 'heads'],
  properties: {
    kind: { type: 'string', enum: ['full', 'delta'] },
    coversPosition: { type: 'integer', minimum: -1 },
    sinceCoversPosition,
    eventCount: { type: 'integer', minimum: 0 },
    logDigest: hashSchema,
    streamCount: { type: 'integer', minimum: 0 },
    heads: { type: 'object', required: [], additionalProperties: streamHeadV1 },
  },
  if: { properties: { kind: { const: 'delta' } }, required: ['kind'] },
  then: { properties: { sinceCoversPosition }, required: ['sinceCoversPosition'] },
  else: { properties: { sinceCoversPosition: false } },
} as const;
