/**
 * The OpenAPI 3.1 document of the API. Request bodies, query and path parameters are
 * generated from the very zod schemas the routes validate with (z.toJSONSchema), so the
 * description cannot drift from what the server accepts.
 */
import { z } from 'zod';
import { actsPaths } from './openapi-acts.ts';
import { auditQuestionPaths } from './openapi-audit-questions.ts';
import { webReadPaths } from './openapi-web-reads.ts';
import { bearerSecuritySchemes, tokenPaths } from './auth/token-openapi.ts';
import { commandResponse, componentSchemas, jsonResponse, problemResponses, ref } from './openapi-components.ts';
import { integrityPaths } from './openapi-integrity.ts';
import { planPaths } from './openapi-plans.ts';
import { snapshotPaths } from './openapi-snapshots.ts';
import { provenanceSchemas } from './openapi-provenance.ts';
import { livePaths } from '../live/live-openapi.ts';
import { createOrgBodySchema } from './schemas/org-schemas.ts';
import { recordMeasurementBodySchema } from './schemas/measurement-schemas.ts';
import { definePlanItemBodySchema, defineObjectiveBodySchema, reviseObjectiveBodySchema, withdrawObjectiveBodySchema } from './schemas/objective-schemas.ts';
import * as q from './schemas/query-schemas.ts';
import { reorganizeBodySchema } from './schemas/reorganization-schemas.ts';
import { attestationBodySchema, registerSourceBodySchema } from './schemas/evidence-schemas.ts';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Json;
  return rest;
}

function parameters(schema: z.ZodObject, where: 'query' | 'path'): Json[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { description, ...fieldSchema } = jsonSchema(field as z.ZodType);
    const required = where === 'path' || !(field as z.ZodType).safeParse(undefined).success;
    return { name, in: where, required, ...(description ? { description } : {}), schema: fieldSchema };
  });
}

const statusOf = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  PreconditionFailed: 412,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  Unprocessable: 422,
  TooManyRequests: 429,
  ServiceUnavailable: 503,
  StorageFull: 507,
} as const;
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: jsonSchema(schema) } } });
const problems = (...names: (keyof typeof problemResponses)[]) =>
  Object.fromEntries(names.map((name) => [statusOf[name], { $ref: `#/components/responses/${name}` }]));

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Optional, 1 to 200 visible ASCII characters (e.g. a UUID). Resending a command with the same key (same principal) returns the original result and appends nothing; the same key for another command is 422.',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};

const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description: 'ETag from a GET ("3"; 3 and W/"3" accepted; * = any). Stale → 412 and nothing is appended.',
  schema: { type: 'string' },
};
const etagHeader = { ETag: { description: 'Revision of the stream, strong and quoted: "3". Send it back as If-Match.', schema: { type: 'string' } } };
/** Reads' validators (src/http/answers/read-etag.ts): weak, keyed by the answer's basis. */
const readEtagHeader = {
  ETag: { description: 'Weak, keyed by the answer\'s basis (query, valid date, log position): W/"<hash>", or W/"<revision>.<hash>" when taken at the head, whose revision is the If-Match of a command on the stream. Send it back as If-None-Match: the same basis is a 304.', schema: { type: 'string' } },
  'Content-Encoding': { description: 'br or gzip when Accept-Encoding asks for it (answers of 1 kB or more).', schema: { type: 'string' } },
};
const ifNoneMatch = { name: 'If-None-Match', in: 'header', required: false, description: 'ETag(s) of an earlier answer: if one has the same basis, 304 with no body.', schema: { type: 'string', maxLength: 2000 } };
const notModified = { 304: { description: 'Not modified: the answer has the basis of the ETag sent in If-None-Match (no body).', headers: { ETag: readEtagHeader.ETag } } };
const locationHeader = { Location: { description: 'URL of the objective.', schema: { type: 'string' } } };
const arrayOf = (name: string) => ({ type: 'array', items: ref(name) });
const commandErrors = problems('BadRequest', 'NotFound', 'PayloadTooLarge', 'Unprocessable', 'StorageFull');
const readErrors = problems('BadRequest', 'NotFound');

export function buildOpenApiDocument(): Json {
  const orgPath = parameters(q.orgParamsSchema, 'path');
  const unitPath = parameters(q.unitParamsSchema, 'path');
  const objectivePath = parameters(q.objectiveParamsSchema, 'path');
  const indicatorPath = parameters(q.indicatorParamsSchema, 'path');
  return {
    openapi: '3.1.0',
    info: {
      title: 'orgtrail',
      version: '1',
      description:
        'Bitemporal history of a public body\'s org chart and Piano degli Obiettivi. Reads take `at` (valid time, a calendar date in Europe/Rome, default today) and `asKnownAt` (system time, an ISO-8601 instant, default now) or `asOfPosition`; every answer reports its basis (at, asKnownAt, position). Every command body accepts an optional `provenance`. Errors are application/problem+json naming the offending fields.',
      license: { name: 'UNLICENSED: no licence has been granted yet; the seed documents are public acts of the Comune di Milano and the Città Metropolitana di Milano' },
      contact: { name: 'orgtrail maintainers', url: 'http://127.0.0.1:3000/' },
    },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'The service as `npm start` serves it (PORT, HOST); the paths are the same on any host.' }],
    paths: {
      '/api/v1/health': {
        get: { summary: 'Health', responses: { 200: { description: 'Up', content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'ok' }, store: { enum: ['embedded', 'eventstoredb'] }, position: { type: 'integer' } }, required: ['status', 'store', 'position'] } } } } } },
      },
      '/api/v1/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } } },
      '/api/v1/orgs': {
        get: { summary: 'Public bodies', parameters: parameters(q.knownAtQuerySchema, 'query'), responses: { 200: jsonResponse('The orgs', { orgs: arrayOf('OrgSummary') }), ...problems('BadRequest') } },
        post: { summary: 'Register a public body', parameters: [idempotencyKey], requestBody: body(createOrgBodySchema), responses: { 201: commandResponse('Registered', etagHeader), ...problems('BadRequest', 'Conflict', 'PayloadTooLarge') } },
      },
      '/api/v1/orgs/{org}/org-chart': {
        get: {
          summary: 'The org chart on a date, as known at an instant',
          parameters: [...orgPath, ...parameters(q.orgChartQuerySchema, 'query'), ifNoneMatch],
          responses: { 200: { ...jsonResponse('Active units (nested under children with shape=tree)', { coverage: ref('Coverage'), units: { oneOf: [arrayOf('Unit'), arrayOf('UnitTreeNode')] } }, readEtagHeader), description: 'Active units (nested under children with shape=tree); with format=pdf or Accept: application/pdf the organigram as a PDF document' }, ...notModified, ...readErrors },
        },
      },
      '/api/v1/orgs/{org}/reorganizations': {
        post: { summary: 'A reorganisation: one act, one effective date, all-or-nothing changes', parameters: [...orgPath, ifMatch, idempotencyKey], requestBody: body(reorganizeBodySchema), responses: { 201: commandResponse('Appended', etagHeader), ...commandErrors, ...problems('PreconditionFailed') } },
      },
      '/api/v1/orgs/{org}/units/{unitId}': {
        get: { summary: 'A unit on a date', parameters: [...unitPath, ...parameters(q.unitQuerySchema, 'query')], responses: { 200: jsonResponse('The unit', { coverage: ref('Coverage'), unit: ref('Unit') }), ...readErrors } },
      },
      '/api/v1/orgs/{org}/units/{unitId}/history': {
        get: { summary: 'Every change of a unit, by effective date then position', parameters: [...unitPath, ...parameters(q.historyQuerySchema, 'query')], responses: { 200: jsonResponse('History', { history: arrayOf('HistoryEntry') }), ...readErrors } },
      },
      '/api/v1/orgs/{org}/pdo': {
        get: { summary: 'The PDO of a plan year, as it stood on a date', parameters: [...orgPath, ...parameters(q.pdoQuerySchema, 'query'), ifNoneMatch], responses: { 200: jsonResponse('Objectives', { year: { type: 'integer' }, coverage: ref('Coverage'), planItems: { ...arrayOf('PlanItem'), description: 'The items (strategic dimensions, cross-cutting objectives) of the plans of the listed objectives, defined at the cut.' }, objectives: arrayOf('Objective') }, readEtagHeader), ...notModified, ...readErrors } },
      },
      '/api/v1/orgs/{org}/objectives': {
        post: { summary: 'Define an objective (with its indicators)', parameters: [...orgPath, idempotencyKey], requestBody: body(defineObjectiveBodySchema), responses: { 201: commandResponse('Defined', { ...etagHeader, ...locationHeader }), ...commandErrors, ...problems('Conflict') } },
      },
      '/api/v1/orgs/{org}/plan-items': {
        post: { summary: 'Define an item of a plan (a strategic dimension, a cross-cutting objective), once', parameters: [...orgPath, idempotencyKey], requestBody: body(definePlanItemBodySchema), responses: { 201: commandResponse('Defined'), ...commandErrors, ...problems('Conflict') } },
      },
      '/api/v1/orgs/{org}/objectives/{objectiveId}': {
        get: { summary: 'An objective on a date', parameters: [...objectivePath, ...parameters(q.cutQuerySchema, 'query')], responses: { 200: jsonResponse('The objective', { objective: ref('Objective') }, etagHeader), ...readErrors } },
        patch: { summary: 'Revise an objective', parameters: [...objectivePath, ifMatch, idempotencyKey], requestBody: body(reviseObjectiveBodySchema), responses: { 200: commandResponse('Revised', etagHeader), ...commandErrors, ...problems('PreconditionFailed') } },
      },
      '/api/v1/orgs/{org}/objectives/{objectiveId}/history': {
        get: { summary: 'Every change of an objective and its indicators', parameters: [...objectivePath, ...parameters(q.historyQuerySchema, 'query')], responses: { 200: jsonResponse('History', { history: arrayOf('HistoryEntry') }), ...readErrors } },
      },
      '/api/v1/orgs/{org}/objectives/{objectiveId}/withdraw': {
        post: { summary: 'Withdraw an objective from a date', parameters: [...objectivePath, ifMatch, idempotencyKey], requestBody: body(withdrawObjectiveBodySchema), responses: { 201: commandResponse('Withdrawn', { ...etagHeader, ...locationHeader }), ...commandErrors, ...problems('PreconditionFailed') } },
      },
      '/api/v1/sources': {
        post: {
          summary: 'Register a source (an act, a plan, a report, an article, a dataset snapshot), once',
          description: 'Idempotent by sourceId: the same registration again is 200 with the original result; another one under the same id is 409.',
          parameters: [idempotencyKey],
          requestBody: body(registerSourceBodySchema),
          responses: { 201: commandResponse('Registered'), 200: commandResponse('Already registered with this content: nothing appended'), ...commandErrors, ...problems('Conflict') },
        },
      },
      '/api/v1/sources/{sourceId}': {
        get: {
          summary: 'One source, with what it attests, enacts, announces or grounds',
          parameters: [...parameters(q.sourceParamsSchema, 'path'), ...parameters(q.knownAtQuerySchema.omit({ format: true }), 'query')],
          responses: { 200: jsonResponse('The source', { source: ref('Source') }), ...readErrors },
        },
      },
      '/api/v1/orgs/{org}/sources': {
        get: { summary: 'The sources of an org', parameters: [...orgPath, ...parameters(q.knownAtQuerySchema, 'query')], responses: { 200: jsonResponse('Sources', { sources: arrayOf('Source') }), ...readErrors } },
      },
      '/api/v1/orgs/{org}/attestations': {
        post: {
          summary: 'What a source shows on a date or over a period: evidence, never a change of state',
          description:
            'A unit (competency) id the org never had is established (assigned) as attested; a head on a unit with none is appointed as attested. A fact that already stands gets evidence only; a contradiction is recorded as the source\'s view and shown in evidence.conflicts, never applied. Default period: the source\'s period, else its issue day.',
          parameters: [...orgPath, ifMatch, idempotencyKey],
          requestBody: body(attestationBodySchema),
          responses: { 201: commandResponse('Recorded', etagHeader), ...commandErrors, ...problems('PreconditionFailed') },
        },
      },
      ...auditQuestionPaths(parameters, orgPath),
      ...webReadPaths(parameters, orgPath),
      ...planPaths(parameters, orgPath),
      ...snapshotPaths(parameters, orgPath),
      ...actsPaths(parameters, jsonSchema),
      ...livePaths(parameters, orgPath),
      ...tokenPaths(parameters, jsonSchema),
      ...integrityPaths(parameters),
      '/api/v1/orgs/{org}/indicators/{indicatorId}/measurements': {
        post: { summary: 'Record a measurement', parameters: [...indicatorPath, idempotencyKey], requestBody: body(recordMeasurementBodySchema), responses: { 201: commandResponse('Recorded'), ...commandErrors } },
        get: { summary: 'Measurements by measuredAt', parameters: [...indicatorPath, ...parameters(q.measurementsQuerySchema, 'query')], responses: { 200: jsonResponse('Measurements', { indicatorId: { type: 'string' }, objectiveId: { type: 'string' }, measurements: arrayOf('Measurement') }), ...readErrors } },
      },
    },
    components: {
      schemas: { ...componentSchemas, ...provenanceSchemas },
      responses: problemResponses,
      securitySchemes: bearerSecuritySchemes,
    },
  };
}
