/**
 * The PDO and its objectives: GET pdo (a plan year at a cut), POST an objective, GET one
 * (ETag = revision of its stream) and its history, PATCH a revision and POST a withdrawal
 * (both honour If-Match: a stale one is 412 and appends nothing); POST a plan item (a
 * strategic dimension, a cross-cutting objective) that objectives link to.
 */
import { Router } from 'express';
import { commandContext } from '../command-context.ts';
import { etagOf } from '../if-match.ts';
import { sendCutAnswer } from '../answers/send-cut-answer.ts';
import { historyExport } from '../export/history-rows.ts';
import { pdoExport } from '../export/pdo-rows.ts';
import { sendAnswer } from '../export/send-answer.ts';
import { definePlanItemBodySchema, defineObjectiveBodySchema, reviseObjectiveBodySchema, withdrawObjectiveBodySchema } from '../schemas/objective-schemas.ts';
import { cutQuerySchema, historyQuerySchema, objectiveParamsSchema, orgParamsSchema, pdoQuerySchema } from '../schemas/query-schemas.ts';
import { sendCommandResult } from '../send-command-result.ts';
import { parseBody, parseParams, parseQuery } from '../validate.ts';
import { apiPath, type RouteDeps } from './route-deps.ts';

export function objectivesRoutes({ commands, queries, answers }: RouteDeps): Router {
  const router = Router();

  router.get('/orgs/:org/pdo', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    const params = parseQuery(pdoQuerySchema, req.query);
    const { basis, headPosition } = await queries.cutBasis(params);
    await sendCutAnswer(req, res, {
      cache: answers, basis, headPosition, view: pdoExport,
      answer: async () => ({ answer: await queries.pdo(org, { ...params, at: basis.at, asKnownAt: undefined, asOfPosition: basis.position }) }),
    });
  });

  router.post('/orgs/:org/objectives', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    const { provenance, ...body } = parseBody(defineObjectiveBodySchema, req.body);
    const result = await commands.defineObjective({ orgId: org, ...body }, commandContext(req, provenance));
    sendCommandResult(res, 201, result, { location: apiPath.objective(org, body.objectiveId), etag: true });
  });

  router.get('/orgs/:org/objectives/:objectiveId', async (req, res) => {
    const { org, objectiveId } = parseParams(objectiveParamsSchema, req.params);
    const answer = await queries.objective(org, objectiveId, parseQuery(cutQuerySchema, req.query));
    res.set('ETag', etagOf(answer.objective.revision)).json(answer);
  });

  router.get('/orgs/:org/objectives/:objectiveId/history', async (req, res) => {
    const { org, objectiveId } = parseParams(objectiveParamsSchema, req.params);
    await sendAnswer(req, res, await queries.objectiveHistory(org, objectiveId, parseQuery(historyQuerySchema, req.query)), historyExport(`objective-${objectiveId}-history`));
  });

  router.patch('/orgs/:org/objectives/:objectiveId', async (req, res) => {
    const { org, objectiveId } = parseParams(objectiveParamsSchema, req.params);
    const { provenance, ...body } = parseBody(reviseObjectiveBodySchema, req.body);
    const result = await commands.reviseObjective({ orgId: org, objectiveId, ...body }, commandContext(req, provenance, { ifMatch: true }));
    sendCommandResult(res, 200, result, { etag: true });
  });

  router.post('/orgs/:org/objectives/:objectiveId/withdraw', async (req, res) => {
    const { org, objectiveId } = parseParams(objectiveParamsSchema, req.params);
    const { provenance, ...body } = parseBody(withdrawObjectiveBodySchema, req.body);
    const result = await commands.withdrawObjective({ orgId: org, objectiveId, ...body }, commandContext(req, provenance, { ifMatch: true }));
    sendCommandResult(res, 201, result, { location: apiPath.objective(org, objectiveId), etag: true });
  });

  router.post('/orgs/:org/plan-items', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    const { provenance, ...body } = parseBody(definePlanItemBodySchema, req.body);
    const result = await commands.definePlanItem({ orgId: org, ...body }, commandContext(req, provenance));
    sendCommandResult(res, 201, result, {});
  });

  return router;
}
