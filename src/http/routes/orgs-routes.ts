/** GET /orgs (the public bodies known), POST /orgs (register one; 409 if it exists). */
import { Router } from 'express';
import { commandContext } from '../command-context.ts';
import { orgsExport } from '../export/list-rows.ts';
import { sendAnswer } from '../export/send-answer.ts';
import { createOrgBodySchema } from '../schemas/org-schemas.ts';
import { knownAtQuerySchema } from '../schemas/query-schemas.ts';
import { sendCommandResult } from '../send-command-result.ts';
import { parseBody, parseQuery } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';

export function orgsRoutes({ commands, queries }: RouteDeps): Router {
  const router = Router();

  router.get('/orgs', async (req, res) => {
    await sendAnswer(req, res, await queries.orgs(parseQuery(knownAtQuerySchema, req.query)), orgsExport);
  });

  router.post('/orgs', async (req, res) => {
    const { provenance, ...cmd } = parseBody(createOrgBodySchema, req.body);
    const result = await commands.createOrg(cmd, commandContext(req, provenance));
    // The ETag is the org stream's revision: the If-Match of the first reorganisation.
    sendCommandResult(res, 201, result, { etag: true });
  });

  return router;
}
