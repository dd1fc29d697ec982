/** The live endpoint in the OpenAPI document (parameters generated from the zod schema it validates with). */
import type { z } from 'zod';
import { liveQueryObjectSchema } from './live-request-schema.ts';

type Json = Record<string, unknown>;

const PROTOCOL = [
  'Server-Sent Events. First `event: snapshot` (id = global position P, data = the view as of P, with `position`),',
  'then one `event: change` per event after P that touches the view (id = its position; data = {position, eventId, type, streamId, orgId,',
  'effectiveFrom, recordedAt, recordedBy, act, data} plus, for org-chart, {at, units, removedUnitIds} and, for pdo, {at, year, objectives,',
  'removedObjectiveIds}: the affected items as they stand right after the event, on today\'s date). A later `snapshot` replaces the state',
  '(an act annulled, or a resume too far back). `: heartbeat` comments keep the connection open. A client that does not keep up gets',
  '`event: resync` {reason} and the stream ends; reconnecting with Last-Event-ID resumes exactly after that id.',
].join(' ');

export function livePaths(parameters: (schema: z.ZodObject, where: 'query' | 'path') => Json[], orgPath: Json[]): Json {
  return {
    '/api/v1/orgs/{org}/live': {
      get: {
        summary: 'Live view (SSE): snapshot, then changes; resumable with Last-Event-ID',
        description: PROTOCOL,
        parameters: [
          ...orgPath,
          ...parameters(liveQueryObjectSchema, 'query'),
          { name: 'Last-Event-ID', in: 'header', required: false, description: 'Resume after this position (sent by EventSource on reconnection).', schema: { type: 'string', pattern: '^(-1|0|[1-9][0-9]{0,14})$' } },
        ],
        responses: {
          200: { description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          400: { $ref: '#/components/responses/BadRequest' },
          404: { $ref: '#/components/responses/NotFound' },
          429: {
            description: 'This client address already holds ORGTRAIL_LIVE_MAX_STREAMS_PER_CLIENT open streams (problem code too_many_requests); retry after Retry-After seconds, or close one.',
            headers: { 'Retry-After': { schema: { type: 'integer' } } },
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
      },
    },
  };
}
