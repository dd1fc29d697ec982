/**
 * The org chart and its units: GET org-chart (cached by basis; its ETag leads with the org
 * stream's revision when taken at the head, the If-Match of a reorganisation), GET a unit
 * and its history, POST a reorganisation (If-Match with the org-chart ETag → 412 when stale).
 */
import { Router } from 'express';
import { commandContext } from '../command-context.ts';
import { sendCutAnswer } from '../answers/send-cut-answer.ts';
import { historyExport } from '../export/history-rows.ts';
import { orgChartExport } from '../export/org-chart-rows.ts';
import { sendAnswer } from '../export/send-answer.ts';
import { orgChartQuerySchema, historyQuerySchema, orgParamsSchema, unitParamsSchema, unitQuerySchema } from '../schemas/query-schemas.ts';
import { reorganizeBodySchema } from '../schemas/reorganization-schemas.ts';
import { sendCommandResult } from '../send-command-result.ts';
import { parseBody, parseParams, parseQuery } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';

export function orgChartRoutes({ commands, queries, answers }: RouteDeps): Router {
  const router = Router();

  router.get('/orgs/:org/org-chart', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    const params = parseQuery(orgChartQuerySchema, req.query);
    const { basis, headPosition } = await queries.cutBasis(params);
    await sendCutAnswer(req, res, {
      cache: answers, basis, headPosition, view: orgChartExport,
      answer: () => queries.orgChart(org, { ...params, at: basis.at, asKnownAt: undefined, asOfPosition: basis.position }),
    });
  });

  router.post('/orgs/:org/reorganizations', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    const { provenance, ...body } = parseBody(reorganizeBodySchema, req.body);
    const result = await commands.reorganize({ orgId: org, ...body }, commandContext(req, provenance, { ifMatch: true }));
    sendCommandResult(res, 201, result, { etag: true });
  });

  router.get('/orgs/:org/units/:unitId', async (req, res) => {
    const { org, unitId } = parseParams(unitParamsSchema, req.params);
    res.json(await queries.unit(org, unitId, parseQuery(unitQuerySchema, req.query)));
  });

  router.get('/orgs/:org/units/:unitId/history', async (req, res) => {
    const { org, unitId } = parseParams(unitParamsSchema, req.params);
    await sendAnswer(req, res, await queries.unitHistory(org, unitId, parseQuery(historyQuerySchema, req.query)), historyExport(`unit-${unitId}-history`));
  });

  return router;
}
