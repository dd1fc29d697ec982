/**
 * OpenAPI paths of the integrity endpoints (src/http/routes/audit-routes.ts). Query parameters
 * come from the zod schemas the routes validate with, through openapi.ts's `parameters`.
 */
import type { z } from 'zod';
import { auditEventsQuerySchema, auditVerifyQuerySchema } from './schemas/audit-schemas.ts';

type Json = Record<string, unknown>;
type Parameters = (schema: z.ZodObject, where: 'query' | 'path') => Json[];

const int = { type: 'integer' };
const str = { type: 'string' };
const counts = {
  eventsChecked: { ...int, description: 'Events whose hash and chain were checked.' },
  streamsChecked: { ...int, description: 'Streams seen.' },
  checkpointsChecked: { ...int, description: 'Checkpoints found to match the log.' },
};
const verifyResult = {
  oneOf: [
    {
      type: 'object',
      properties: { intact: { const: true }, upToPosition: { ...int, description: 'The log is intact up to this global position (the head when verification started; -1: empty).' }, ...counts },
      required: ['intact', 'upToPosition', ...Object.keys(counts)],
    },
    {
      type: 'object',
      properties: {
        intact: { const: false },
        position: { ...int, description: 'The FIRST global position at which the log differs from what was recorded (a missing position, an altered event, or the checkpoint that contradicts the log).' },
        streamId: { ...str, description: 'The stream concerned, when one is.' },
        reason: str,
        ...counts,
      },
      required: ['intact', 'position', 'reason', ...Object.keys(counts)],
    },
  ],
};
const auditEvent = {
  type: 'object',
  properties: {
    eventId: str,
    streamId: str,
    revision: int,
    position: int,
    type: str,
    recordedAt: { type: 'string', format: 'date-time' },
    data: {
      description:
        'As stored. IntegrityCheckpointRecorded (stream audit-checkpoints): with metadata.schemaVersion 1, {coversPosition, eventCount, logDigest, heads} of every stream; with 2, also streamCount and kind — `full` lists every stream\'s head, `delta` only those changed after sinceCoversPosition (the previous checkpoint\'s coversPosition).',
    },
    metadata: { type: 'object', description: 'As stored, including `integrity: {hash, previousHash}`.' },
  },
  required: ['eventId', 'streamId', 'revision', 'position', 'type', 'recordedAt', 'data', 'metadata'],
};
const json = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } });
const guarded = { 400: { $ref: '#/components/responses/BadRequest' } };
const security = [{ bearer: [] }];

export function integrityPaths(parameters: Parameters): Json {
  return {
    '/api/v1/audit/verify': {
      get: {
        summary: 'Verify the hash chains and checkpoints of the whole log (auditor or admin)',
        security,
        parameters: parameters(auditVerifyQuerySchema, 'query'),
        responses: { 200: json('The verdict: intact up to a position, or the first failing position and why', verifyResult), ...guarded },
      },
    },
    '/api/v1/audit/events': {
      get: {
        summary: 'Page through the raw log with metadata, in position order (auditor or admin)',
        security,
        parameters: parameters(auditEventsQuerySchema, 'query'),
        responses: {
          200: json('A page; pass `next` as `after` for the following one (null: end of the log)', {
            type: 'object',
            properties: { events: { type: 'array', items: auditEvent }, next: { oneOf: [int, { type: 'null' }] } },
            required: ['events', 'next'],
          }),
          ...guarded,
        },
      },
    },
  };
}
