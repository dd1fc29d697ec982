/**
 * The source registry and attestations (docs/evidence.md): POST /sources (idempotent by id:
 * 201 once, 200 for the same registration again, 409 for another one), GET /orgs/:org/sources,
 * as JSON, CSV or XLSX (src/http/export/source-rows.ts), GET /sources/:sourceId, POST /orgs/:org/attestations (ETag: the org stream's revision).
 */
import { Router } from 'express';
import { commandContext } from '../command-context.ts';
import { sendAnswer } from '../export/send-answer.ts';
import { sourcesExport } from '../export/source-rows.ts';
import { attestationBodySchema, registerSourceBodySchema } from '../schemas/evidence-schemas.ts';
import { knownAtQuerySchema, orgParamsSchema, sourceParamsSchema } from '../schemas/query-schemas.ts';
import { sendCommandResult } from '../send-command-result.ts';
import { parseBody, parseParams, parseQuery } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';

const sourcesQuerySchema = knownAtQuerySchema.omit({ format: true });

export function sourcesRoutes({ commands, queries }: RouteDeps): Router {
  const router = Router();

  router.post('/sources', async (req, res) => {
    const body = parseBody(registerSourceBodySchema, req.body);
    const result = await commands.registerSource(body, commandContext(req, undefined));
    sendCommandResult(res, result.replayed ? 200 : 201, result, { location: `/api/v1/sources/${encodeURIComponent(body.sourceId)}` });
  });

  router.get('/orgs/:org/sources', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    const { format: _format, sep: _sep, ...cut } = parseQuery(knownAtQuerySchema, req.query);
    await sendAnswer(req, res, await queries.sources(org, cut), sourcesExport);
  });

  router.get('/sources/:sourceId', async (req, res) => {
    const { sourceId } = parseParams(sourceParamsSchema, req.params);
    res.json(await queries.source(sourceId, parseQuery(sourcesQuerySchema, req.query)));
  });

  router.post('/orgs/:org/attestations', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    const body = parseBody(attestationBodySchema, req.body);
    const result = await commands.attest({ orgId: org, ...body }, commandContext(req, undefined, { ifMatch: true }));
    sendCommandResult(res, 201, result, { etag: true });
  });

  return router;
}
