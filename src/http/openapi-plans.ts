/**
 * OpenAPI paths of the plan tables (src/http/routes/plans-routes.ts, docs/import.md "Plan
 * tables"): the import of a PDO from a CSV or XLSX table (dry run first) and the export of a
 * registered plan in the same layout. Query parameters come from the routes' zod schemas.
 */
import type { z } from 'zod';
import { ANSWER_MEDIA_TYPES } from './export/answer-format.ts';
import { arrayOf, int, nullable, object, str } from './openapi-schema-builders.ts';
import { FILE_BODY_LIMIT_BYTES } from './security/file-upload-routes.ts';
import { planImportQuerySchema, planParamsSchema, planTableQuerySchema } from './routes/plans-routes.ts';

type Json = Record<string, unknown>;
type Parameters = (schema: z.ZodObject, where: 'query' | 'path') => Json[];

const XLSX = ANSWER_MEDIA_TYPES.xlsx;
const fileSchema = { type: 'string', contentMediaType: 'application/octet-stream', maxLength: FILE_BODY_LIMIT_BYTES, description: 'The plan table: CSV (UTF-8, with or without BOM, comma or semicolon) or XLSX (first sheet).' };

const report = object({
  file: str,
  orgId: str,
  dryRun: { type: 'boolean' },
  plan: object({ sourceId: str, name: str, title: str, years: arrayOf(str), period: object({ from: str, to: str }), registered: { type: 'boolean' } }),
  directorates: arrayOf(object({ directorate: str, unitId: str, lines: arrayOf(int), status: { enum: ['matched', 'unmatched', 'created'] }, name: str, kind: str })),
  objectives: object({
    defined: arrayOf(object({ objectiveId: str, unitId: str, id: str, line: int, years: { type: 'object', additionalProperties: str } })),
    revisions: arrayOf(object({ objectiveId: str, line: int, year: str, before: nullable(str), after: nullable(str), punctuationOnly: { type: 'boolean' } })),
    otherChanges: arrayOf(object({ objectiveId: str, line: int, fields: arrayOf(str) })),
    unchanged: arrayOf(str),
    notAttested: arrayOf(object({ objectiveId: str, unitId: str, years: arrayOf(str), attestedBy: str, notAttestedBy: str })),
  }),
  commands: arrayOf(object({ kind: { enum: ['registerSource', 'attest', 'defineObjective', 'reviseObjective'] }, key: str, line: nullable(int), input: { type: 'object' } })),
  problems: arrayOf(object({ field: str, message: str })),
  appended: int,
  position: nullable(int),
});

export function planPaths(parameters: Parameters, orgPath: Json[]): Json {
  return {
    '/api/v1/orgs/{org}/plans': {
      post: {
        summary: 'Import a PDO from a plan table (CSV or XLSX), or with dryRun=true see what it would append',
        description:
          'One row per objective: Direzione, ID, one column per plan year ("Obiettivi Anno 2025"), optional Codice struttura, matrix (Programma operativo, Dimensione, Driver, Anno matrice), shared objective and indicator columns (docs/import.md). The plan is registered as a source of scope complete-plan; its rows attest the directorates and define or revise objectives with basis attested. Directorates match active units by name (case, punctuation and spacing ignored); an unmatched one refuses the import unless createUnits=true. A malformed file (unknown layout, duplicate ID within a directorate, bad year column...) is 422 with problems naming file:line:column, and nothing is appended. Idempotent: a second import of the same file appends nothing (200, appended 0).',
        parameters: [...orgPath, ...parameters(planImportQuerySchema, 'query')],
        requestBody: {
          required: true,
          content: {
            'text/csv': { schema: fileSchema },
            [XLSX]: { schema: fileSchema },
            'application/octet-stream': { schema: fileSchema },
            'multipart/form-data': { schema: object({ file: fileSchema }) },
          },
        },
        responses: {
          200: { description: 'The dry run\'s report, or an import that found everything recorded (appended 0)', content: { 'application/json': { schema: report } } },
          201: { description: 'Imported: the report, with what was appended', content: { 'application/json': { schema: report } } },
        },
      },
    },
    '/api/v1/orgs/{org}/plans/{planId}/table': {
      get: {
        summary: 'A registered plan (a complete-plan source) as a plan table, which the import reads back',
        parameters: [...parameters(planParamsSchema, 'path'), ...parameters(planTableQuerySchema, 'query')],
        responses: {
          200: { description: 'The plan table', content: { 'text/csv': { schema: str }, [XLSX]: { schema: { type: 'string', contentMediaType: XLSX } } } },
        },
      },
    },
  };
}
