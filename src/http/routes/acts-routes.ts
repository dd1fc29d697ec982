/**
 * Acts of an org: GET the list, GET one act with every change it produced (404 unknown act),
 * POST its annulment (201 with the changes of other acts it invalidated; 404 unknown act; 409
 * already annulled; If-Match with the org-chart ETag, since the annulment goes in the org stream).
 */
import { Router } from 'express';
import { commandContext } from '../command-context.ts';
import { annulActBodySchema } from '../schemas/act-schemas.ts';
import { actParamsSchema, actsQuerySchema, orgParamsSchema } from '../schemas/query-schemas.ts';
import { etagOf } from '../if-match.ts';
import { commandResultBody } from '../send-command-result.ts';
import { parseBody, parseParams, parseQuery } from '../validate.ts';
import { apiPath, type RouteDeps } from './route-deps.ts';

export function actsRoutes({ commands, queries }: RouteDeps): Router {
  const router = Router();

  router.get('/orgs/:org/acts', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    res.json(await queries.acts(org, parseQuery(actsQuerySchema, req.query)));
  });

  router.get('/orgs/:org/acts/:actId', async (req, res) => {
    const { org, actId } = parseParams(actParamsSchema, req.params);
    res.json(await queries.act(org, actId, parseQuery(actsQuerySchema, req.query)));
  });

  router.post('/orgs/:org/acts/:actId/annul', async (req, res) => {
    const { org, actId } = parseParams(actParamsSchema, req.params);
    const { provenance, ...body } = parseBody(annulActBodySchema, req.body);
    const result = await commands.annulAct({ orgId: org, actId, ...body }, commandContext(req, provenance, { ifMatch: true }));
    const { invalidatedChanges } = await queries.act(org, actId, { asOfPosition: result.position });
    res
      .status(201)
      .location(`${apiPath.org(org)}/acts/${encodeURIComponent(actId)}`)
      .set('ETag', etagOf(result.revision))
      .json({ ...commandResultBody(result), invalidatedChanges });
  });

  return router;
}
