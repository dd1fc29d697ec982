/**
 * OpenAPI path of the snapshot import (src/http/routes/snapshots-routes.ts, docs/import.md
 * "Snapshots"): IndicePA or organigramma files, CSV or XLSX, as the body or multipart; dry run
 * first. Query parameters come from the route's zod schema.
 */
import type { z } from 'zod';
import { ANSWER_MEDIA_TYPES } from './export/answer-format.ts';
import { arrayOf, int, nullable, object, str } from './openapi-schema-builders.ts';
import { MAX_SNAPSHOT_BYTES, MAX_SNAPSHOT_FILES, snapshotsQuerySchema } from './routes/snapshots-routes.ts';

type Json = Record<string, unknown>;
type Parameters = (schema: z.ZodObject, where: 'query' | 'path') => Json[];

const XLSX = ANSWER_MEDIA_TYPES.xlsx;
const fileSchema = { type: 'string', contentMediaType: 'application/octet-stream', maxLength: MAX_SNAPSHOT_BYTES, description: 'A snapshot: CSV (UTF-8 with or without BOM, comma or semicolon) or XLSX (first sheet), IndicePA or organigramma layout.' };

const change = object({
  change: { enum: ['established', 'renamed', 'moved', 'reclassified', 'head-appointed', 'head-changed'] },
  unitId: str,
  effectiveFrom: str,
  from: nullable(str),
  to: str,
  basis: { enum: ['attested', 'inferred'] },
  sourceId: nullable(str),
  inferredFrom: { ...arrayOf(str), description: 'For an inferred change: the two snapshots it is inferred from (earlier, later).' },
  reason: nullable(str),
});

const report = object({
  orgId: str,
  dryRun: { type: 'boolean' },
  files: arrayOf(
    object({
      file: str,
      format: { enum: ['csv', 'xlsx'] },
      layout: { enum: ['indicepa', 'organigramma'] },
      digest: { ...str, description: 'SHA-256 of the file\'s bytes' },
      sourceId: { ...str, description: 'The source the file is registered as: derived from the org, the Codice_IPA filter and the digest (the same file imports once)' },
      snapshotDate: str,
      dateOrigin: { enum: ['given', 'file-column', 'file-date'] },
      rows: int,
      units: int,
      status: { enum: ['planned', 'appended', 'already-imported'] },
      previousSourceId: nullable(str),
      nextSourceId: nullable(str),
      events: int,
      changes: arrayOf(change),
      conflicts: arrayOf(object({ unitId: str, field: str, chart: nullable(str), snapshot: str, line: int })),
      notAttestedAfter: { ...arrayOf(object({ unitId: str, name: str, lastSourceId: str })), description: 'Units the previous snapshot lists and this one does not (or this one lists and the next does not): not attested after lastSourceId — evidence, never a dissolution.' },
      superseded: { ...int, description: 'Changes derived earlier for the next snapshot, superseded (InferencesSuperseded) and derived again from this one.' },
      position: nullable(int),
    }),
  ),
});

const problem = {
  type: 'object',
  properties: {
    type: str,
    title: str,
    status: int,
    detail: str,
    code: { const: 'malformed_snapshot' },
    problems: arrayOf(object({ field: { ...str, description: 'file:line:column name' }, file: str, line: nullable(int), column: nullable(int), columnName: nullable(str), code: str, message: str })),
  },
};

export function snapshotPaths(parameters: Parameters, orgPath: Json[]): Json {
  return {
    '/api/v1/orgs/{org}/snapshots': {
      post: {
        summary: 'Import dated snapshots of the org\'s structure (IndicePA or organigramma, CSV or XLSX), or with dryRun=true see what they would append',
        description:
          'Each file becomes a registered source (kind dataset, scope complete-structure, dated by `date`, else its date column, else — from the CLI — the file\'s own date, qualified) and each row an attestation keyed by the unit code. Between consecutive snapshots the changes (establishments, renames, moves, reclassifications, head changes) are inferred, naming both sources; units no longer listed are "not attested after" the previous one, never dissolved. A snapshot dated between two already imported supersedes the inferences around it (an InferencesSuperseded event) and they are derived again. Every file is checked before anything is appended; a malformed one (unknown layout, duplicate unit code, unknown parent, cycle...) is 422 malformed_snapshot listing file, line and column. Idempotent: a file already imported appends nothing (200, status already-imported). docs/import.md.',
        parameters: [...orgPath, ...parameters(snapshotsQuerySchema, 'query')],
        requestBody: {
          required: true,
          content: {
            'text/csv': { schema: fileSchema },
            [XLSX]: { schema: fileSchema },
            'application/octet-stream': { schema: fileSchema },
            'multipart/form-data': { schema: object({ file: { oneOf: [fileSchema, { ...arrayOf(fileSchema), maxItems: MAX_SNAPSHOT_FILES }] } }) },
          },
        },
        responses: {
          200: { description: 'The dry run\'s report, or every file already imported (nothing appended)', content: { 'application/json': { schema: report } } },
          201: { description: 'Imported: each file appended atomically, durable and visible', content: { 'application/json': { schema: report } } },
          422: { description: 'A malformed file: nothing appended', content: { 'application/problem+json': { schema: problem } } },
        },
      },
    },
  };
}
