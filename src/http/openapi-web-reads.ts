/**
 * OpenAPI paths of the reads the web page leans on (src/http/routes/web-read-routes.ts): the
 * timeline, the search of units and objectives, and a source document's text. Query
 * parameters come from the zod schemas the routes validate with.
 */
import type { z } from 'zod';
import { jsonResponse } from './openapi-components.ts';
import { sourceParamsSchema, timelineQuerySchema, unitObjectiveSearchQuerySchema } from './schemas/web-read-schemas.ts';

type Json = Record<string, unknown>;
type Parameters = (schema: z.ZodObject, where: 'query' | 'path') => Json[];

const str = { type: 'string' };
const int = { type: 'integer' };
const date = { type: 'string', format: 'date' };
const instant = { type: 'string', format: 'date-time' };
const arrayOf = (items: object) => ({ type: 'array', items });
const object = (properties: Record<string, object>, required = Object.keys(properties)) => ({ type: 'object', properties, required });
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const act = object({ id: str, kind: str, title: str, date, url: str }, ['id']);
const head = nullable(object({ person: str, title: nullable(str) }));
const unitRef = object({ unitId: str, name: str, kind: str });
const errors = { 400: { $ref: '#/components/responses/BadRequest' }, 404: { $ref: '#/components/responses/NotFound' } };

export function webReadPaths(parameters: Parameters, orgPath: Json[]): Json {
  return {
    '/api/v1/orgs/{org}/timeline': {
      get: {
        summary: 'The dates on which the org chart changed (with their acts) and the instants its changes were recorded, in one answer',
        parameters: [...orgPath, ...parameters(timelineQuerySchema, 'query')],
        responses: {
          200: jsonResponse('Change dates (valid time) and recording runs (system time)', {
            changeDates: arrayOf(object({ date, acts: arrayOf(act), eventCount: int, firstPosition: int })),
            recordings: arrayOf(object({ asKnownAt: instant, firstRecordedAt: instant, fromPosition: int, toPosition: int, act: nullable(act), sourceIds: { type: 'array', items: str, description: 'Without an act: the registered sources of its events\' basis; each act or source is its own run.' }, eventCount: int, earliestEffectiveFrom: date, daysLate: int })),
          }),
          ...errors,
        },
      },
    },
    '/api/v1/orgs/{org}/search': {
      get: {
        summary: 'Units (by name) and objectives (by the statement of the year) matching words, on a date',
        parameters: [...orgPath, ...parameters(unitObjectiveSearchQuerySchema, 'query')],
        responses: {
          200: jsonResponse('Matches, best first', {
            q: str,
            year: int,
            totalUnits: int,
            totalObjectives: int,
            units: arrayOf(object({ unitId: str, name: str, kind: str, head, score: int, parents: arrayOf(unitRef), path: str })),
            objectives: arrayOf(object({ objectiveId: str, title: str, status: str, unitId: str, unitName: nullable(str), score: int })),
          }),
          ...errors,
        },
      },
    },
    '/api/v1/sources/{id}/text': {
      get: {
        summary: 'A source document as UTF-8 text, read-only (line n of the text is line n of the document)',
        parameters: parameters(sourceParamsSchema, 'path'),
        responses: { 200: { description: 'The document', content: { 'text/plain': { schema: str } } }, ...errors },
      },
    },
  };
}
