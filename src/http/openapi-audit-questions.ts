/**
 * OpenAPI paths of the auditors' questions (diffs, competency search, late recordings). Query
 * parameters come from the zod schemas the routes validate with, through openapi.ts's
 * `parameters`; response schemas are written here.
 */
import type { z } from 'zod';
import { basisProperties, date, instant, int, nullable, object, str } from './openapi-components.ts';
import { backdatedQuerySchema, competencySearchQuerySchema, orgChartDiffQuerySchema, pdoDiffQuerySchema } from './schemas/audit-question-schemas.ts';

type Json = Record<string, unknown>;
type Parameters = (schema: z.ZodObject, where: 'query' | 'path') => Json[];

const arrayOf = (items: object) => ({ type: 'array', items });
const act = nullable({ type: 'object', properties: { id: str, kind: str, title: str, date, url: str }, required: ['id'] });
const problems = { 400: { $ref: '#/components/responses/BadRequest' }, 404: { $ref: '#/components/responses/NotFound' } };

const changeEvent = object({ eventId: str, position: int, type: str, effectiveFrom: date, recordedAt: instant, recordedBy: str, act });
const diffBasis = {
  compare: { enum: ['valid-time', 'system-time'], description: 'valid-time: from/to/asKnownAt/position; system-time: at/asKnownFrom/positionFrom/asKnownTo/positionTo.' },
  from: date,
  to: date,
  asKnownAt: instant,
  position: int,
  at: date,
  asKnownFrom: instant,
  positionFrom: int,
  asKnownTo: instant,
  positionTo: int,
};
const json = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } });
const diffResponse = (description: string, row: Record<string, object>, extra: Record<string, object> = {}) =>
  json(description, { type: 'object', properties: { ...diffBasis, ...extra, changes: arrayOf(object({ ...row, from: nullable(str), to: nullable(str), events: arrayOf(changeEvent) })) }, required: ['compare', 'changes'] });

export function auditQuestionPaths(parameters: Parameters, orgPath: Json[]): Json {
  return {
    '/api/v1/orgs/{org}/org-chart/diff': {
      get: {
        summary: 'What changed in the org chart between two dates (or, on one date, between two instants), and which act did it',
        parameters: [...orgPath, ...parameters(orgChartDiffQuerySchema, 'query')],
        responses: {
          200: diffResponse('Changes, each with the events responsible', {
            change: { enum: ['unit-established', 'unit-dissolved', 'unit-annulled', 'unit-renamed', 'unit-moved', 'unit-reclassified', 'head-changed', 'competency-assigned', 'competency-withdrawn', 'competency-moved', 'competency-text-changed'] },
            unitId: nullable(str),
            unitName: nullable(str),
            competencyId: nullable(str),
            competencyText: nullable(str),
          }),
          ...problems,
        },
      },
    },
    '/api/v1/orgs/{org}/pdo/diff': {
      get: {
        summary: 'What changed in the PDO of a plan year between two dates (or two instants), and which act did it',
        parameters: [...orgPath, ...parameters(pdoDiffQuerySchema, 'query')],
        responses: {
          200: diffResponse(
            'Changes, each with the events responsible',
            {
              change: { enum: ['objective-added', 'objective-withdrawn', 'objective-dropped', 'objective-annulled', 'objective-restated', 'objective-reassigned', 'indicator-added', 'indicator-revised', 'indicator-target-changed', 'indicator-annulled'] },
              objectiveId: str,
              indicatorId: nullable(str),
              unitId: str,
            },
            { year: int },
          ),
          ...problems,
        },
      },
    },
    '/api/v1/orgs/{org}/competencies': {
      get: {
        summary: 'Full-text search of competencies on a date, with the unit holding each, its head and parents',
        parameters: [...orgPath, ...parameters(competencySearchQuerySchema, 'query')],
        responses: {
          200: json('Matches, best first', object({
            ...basisProperties,
            q: str,
            total: int,
            competencies: arrayOf(object({
              competencyId: str,
              text: str,
              score: int,
              unitId: str,
              unitName: str,
              unitKind: str,
              head: nullable(object({ person: str, title: nullable(str) })),
              parents: arrayOf(object({ unitId: str, name: str, kind: str })),
              path: str,
            })),
          })),
          ...problems,
        },
      },
    },
    '/api/v1/audit/backdated': {
      get: {
        summary: 'Changes recorded more than minDays days after their effective date (Europe/Rome date of recordedAt), by position',
        parameters: parameters(backdatedQuerySchema, 'query'),
        responses: {
          200: json('Late recordings', object({
            ...basisProperties,
            org: nullable(str),
            minDays: int,
            records: arrayOf(object({ position: int, orgId: str, streamId: str, eventId: str, type: str, effectiveFrom: date, recordedAt: instant, recordedBy: str, act, daysLate: int })),
          })),
          ...problems,
        },
      },
    },
  };
}
