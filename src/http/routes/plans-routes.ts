/**
 * POST /orgs/:org/plans (editor): imports a plan table (docs/import.md, "Plan tables"), the
 * file as the body (text/csv, application/octet-stream, the XLSX media type) or as the part
 * `file` of a multipart/form-data body. `dryRun=true` answers the report (200) and appends
 * nothing; otherwise 201 when something was appended, 200 when everything was already recorded.
 * A malformed file or a refused plan is a 422 naming file:line:column; nothing is appended.
 * GET /orgs/:org/plans/:planId/table (reader): the plan as a plan table, CSV or XLSX, that the
 * POST imports back (export-plan-table.ts).
 */
import busboy from 'busboy';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError, BadRequestError } from '../../errors.ts';
import { exportPlanTable } from '../../import/plan/export-plan-table.ts';
import { importPlanTable } from '../../import/plan/import-plan-table.ts';
import { ANSWER_MEDIA_TYPES } from '../export/answer-format.ts';
import { CSV_CONTENT_TYPE, CSV_SEPARATORS, toCsv } from '../export/csv.ts';
import { toXlsx } from '../export/xlsx.ts';
import { principalOf } from '../auth/principal.ts';
import { idSchema, orgIdSchema } from '../schemas/common-schemas.ts';
import { FILE_BODY_LIMIT_BYTES, FILE_MEDIA_TYPES } from '../security/file-upload-routes.ts';
import { parseParams, parseQuery } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1')
  .optional();


export const planTableQuerySchema = z.strictObject({
  format: z.enum(['csv', 'xlsx']).optional().meta({ description: 'csv (default) or xlsx.' }),
  sep: z.enum(CSV_SEPARATORS).optional().meta({ description: 'CSV only: comma (default) or semicolon.' }),
});

export const planParamsSchema = z.strictObject({ org: orgIdSchema, planId: idSchema.meta({ description: 'The plan\'s source id (a source of scope complete-plan).' }) });

export const planImportQuerySchema = z.strictObject({
  dryRun: flag.meta({ description: 'true: answer what the import would append, append nothing.' }),
  createUnits: flag.meta({ description: 'true: establish, as attested by the plan, the directorates that match no unit (otherwise they refuse the import).' }),
  plan: idSchema.optional().meta({ description: 'The plan\'s source id (default <org>.pdo-<first year>-<last year>).' }),
  file: z.string().min(1).max(200).optional().meta({ description: 'The file name reports name (a file body has none; a multipart part gives its own).' }),
});

class PayloadTooLargeError extends AppError {
  constructor() {
    super('payload_too_large', 413, `the file is larger than ${FILE_BODY_LIMIT_BYTES} bytes`, [{ field: 'file', message: `larger than ${FILE_BODY_LIMIT_BYTES} bytes` }]);
  }
}

const rawBody = express.raw({ type: FILE_MEDIA_TYPES.filter((t) => t !== 'multipart/form-data'), limit: FILE_BODY_LIMIT_BYTES });

export function plansRoutes({ commands, queries }: RouteDeps): Router {
  const router = Router();

  router.post('/orgs/:org/plans', rawBody, async (req, res) => {
    const { org } = parseParams(z.strictObject({ org: orgIdSchema }), req.params);
    const query = parseQuery(planImportQuerySchema, req.query);
    const upload = req.is('multipart/form-data') ? await multipartFile(req) : bodyFile(req, query.file);
    const principal = principalOf(req);
    if (!principal) throw new Error('a command reached its route without an authenticated principal');
    const result = await importPlanTable(
      { file: query.file ?? upload.name, bytes: upload.bytes, orgId: org, planId: query.plan, createUnits: query.createUnits, dryRun: query.dryRun },
      { commands, queries, recordedBy: principal.name },
    );
    res.status(result.dryRun || result.appended === 0 ? 200 : 201).json(result);
  });

  router.get('/orgs/:org/plans/:planId/table', async (req, res) => {
    const { org, planId } = parseParams(planParamsSchema, req.params);
    const { format = 'csv', sep } = parseQuery(planTableQuerySchema, req.query);
    const { name, table } = await exportPlanTable(queries, org, planId);
    res.set('Cache-Control', 'no-store');
    if (format === 'xlsx') {
      res.type(ANSWER_MEDIA_TYPES.xlsx).attachment(`${name}.xlsx`).send(await toXlsx([{ name: 'plan', table }], { orgId: org, planId }));
    } else {
      res.type(CSV_CONTENT_TYPE).attachment(`${name}.csv`).send(toCsv(table, sep));
    }
  });

  return router;
}

function bodyFile(req: Request, name: string | undefined): { name: string; bytes: Uint8Array } {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
    throw new BadRequestError('the request needs the plan table as its body (text/csv or XLSX) or as the multipart part "file"', [{ field: 'file', message: 'missing file' }]);
  }
  return { name: name ?? 'plan-table', bytes: new Uint8Array(req.body) };
}

/** The part `file` of a multipart body (other parts are refused), bounded like a file body. */
function multipartFile(req: Request): Promise<{ name: string; bytes: Uint8Array }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: FILE_BODY_LIMIT_BYTES, files: 1, fields: 20 } });
    } catch (error) {
      reject(new BadRequestError(`the multipart body cannot be read: ${error instanceof Error ? error.message : String(error)}`, [{ field: 'Content-Type', message: 'invalid multipart boundary' }]));
      return;
    }
    let found: { name: string; bytes: Uint8Array } | undefined;
    let failure: Error | undefined;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file') {
        failure ??= new BadRequestError(`unknown multipart part "${field}"`, [{ field, message: 'unknown part; send the table as the part "file"' }]);
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (failure ??= new PayloadTooLargeError()));
      stream.on('end', () => (found = { name: info.filename || 'plan-table', bytes: new Uint8Array(Buffer.concat(chunks)) }));
    });
    parser.on('field', (field) => (failure ??= new BadRequestError(`unknown multipart field "${field}"`, [{ field, message: 'unknown field; options go in the query' }])));
    parser.on('filesLimit', () => (failure ??= new BadRequestError('the multipart body has more than one file', [{ field: 'file', message: 'send one part "file"' }])));
    parser.on('error', (error: Error) => reject(new BadRequestError(`the multipart body cannot be read: ${error.message}`, [{ field: 'file', message: error.message }])));
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (!found || found.bytes.length === 0) reject(new BadRequestError('the multipart body has no part "file"', [{ field: 'file', message: 'missing file' }]));
      else resolve(found);
    });
    req.pipe(parser);
  });
}
