/**
 * OpenAPI paths of the acts (list, one act, annulment) and of the indicator history. Query,
 * path and body schemas come from the zod schemas the routes validate with (through openapi.ts's
 * `parameters` and `jsonSchema`); response schemas are written here.
 */
import type { z } from 'zod';
import { basisProperties } from './openapi-components.ts';
import { annulActBodySchema } from './schemas/act-schemas.ts';
import { actParamsSchema, actsQuerySchema, historyQuerySchema, indicatorParamsSchema, orgParamsSchema } from './schemas/query-schemas.ts';

type Json = Record<string, unknown>;
type Parameters = (schema: z.ZodObject, where: 'query' | 'path') => Json[];

const str = { type: 'string' };
const int = { type: 'integer' };
const date = { type: 'string', format: 'date' };
const instant = { type: 'string', format: 'date-time' };
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const object = (properties: Record<string, object>) => ({ type: 'object', properties, required: Object.keys(properties) });
const arrayOf = (items: object) => ({ type: 'array', items });
const problem = (name: string) => ({ $ref: `#/components/responses/${name}` });
const json = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } });

const act = { type: 'object', properties: { id: str, kind: str, title: str, date, url: str }, required: ['id'] };
const actSummary = object({
  actId: str,
  kind: nullable(str),
  date: nullable(date),
  title: nullable(str),
  url: nullable(str),
  firstEffectiveFrom: date,
  eventCount: int,
  annulled: nullable(object({ by: nullable(str), act: nullable(act), reason: str, position: int, recordedAt: instant, recordedBy: str })),
});
const invalidatedChange = {
  ...object({ position: int, actId: nullable(str), reason: str, type: str, streamId: str, effectiveFrom: date }),
  description: 'A change of another act that refers to something only the annulled act created: retracted too, as known from the annulment.',
};
const actChange = object({ streamId: str, position: int, effectiveFrom: date, recordedAt: instant, recordedBy: str, type: str, data: { type: 'object' } });

export function actsPaths(parameters: Parameters, jsonSchema: (schema: z.ZodType) => Json): Json {
  const orgPath = parameters(orgParamsSchema, 'path');
  const actPath = parameters(actParamsSchema, 'path');
  const known = parameters(actsQuerySchema, 'query');
  return {
    '/api/v1/orgs/{org}/acts': {
      get: {
        summary: 'The acts of an org: kind, date, first effective date, number of events, annulment',
        parameters: [...orgPath, ...known],
        responses: { 200: json('Acts, in the order their first event was recorded', object({ ...basisProperties, acts: arrayOf(actSummary) })), 400: problem('BadRequest'), 404: problem('NotFound') },
      },
    },
    '/api/v1/orgs/{org}/acts/{actId}': {
      get: {
        summary: 'One act and every change it produced, by effective date then position',
        parameters: [...actPath, ...known],
        responses: {
          200: json('The act', object({ ...basisProperties, act: actSummary, changes: arrayOf(actChange), invalidatedChanges: arrayOf(invalidatedChange) })),
          400: problem('BadRequest'),
          404: problem('NotFound'),
        },
      },
    },
    '/api/v1/orgs/{org}/acts/{actId}/annul': {
      post: {
        summary: 'Annul an act: its effects are retracted from their own effective dates, as known from now on',
        parameters: [...actPath, { name: 'If-Match', in: 'header', required: false, description: 'The org-chart ETag (the annulment goes in the org stream).', schema: str }],
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(annulActBodySchema) } } },
        responses: {
          201: json('Annulled; with `readModel` (as in CommandResult) when the read models had not caught up in time', object({ position: int, revision: int, eventIds: arrayOf(str), invalidatedChanges: arrayOf(invalidatedChange) })),
          400: problem('BadRequest'),
          404: problem('NotFound'),
          409: problem('Conflict'),
          412: problem('PreconditionFailed'),
          422: problem('Unprocessable'),
        },
      },
    },
    '/api/v1/orgs/{org}/indicators/{indicatorId}/history': {
      get: {
        summary: 'Every change of an indicator (definition, revisions, targets, measurements), with before/after',
        parameters: [...parameters(indicatorParamsSchema, 'path'), ...parameters(historyQuerySchema, 'query')],
        responses: {
          200: json('History', object({ ...basisProperties, indicatorId: str, objectiveId: str, history: arrayOf({ $ref: '#/components/schemas/HistoryEntry' }) })),
          400: problem('BadRequest'),
          404: problem('NotFound'),
        },
      },
    },
  };
}
