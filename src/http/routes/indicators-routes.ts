/** Measurements of an indicator: POST one (unknown indicator → 404), GET them by measuredAt range; GET the indicator's history. */
import { Router } from 'express';
import { commandContext } from '../command-context.ts';
import { historyExport } from '../export/history-rows.ts';
import { measurementsExport } from '../export/list-rows.ts';
import { sendAnswer } from '../export/send-answer.ts';
import { recordMeasurementBodySchema } from '../schemas/measurement-schemas.ts';
import { historyQuerySchema, indicatorParamsSchema, measurementsQuerySchema } from '../schemas/query-schemas.ts';
import { sendCommandResult } from '../send-command-result.ts';
import { parseBody, parseParams, parseQuery } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';

export function indicatorsRoutes({ commands, queries }: RouteDeps): Router {
  const router = Router();

  router.post('/orgs/:org/indicators/:indicatorId/measurements', async (req, res) => {
    const { org, indicatorId } = parseParams(indicatorParamsSchema, req.params);
    const { provenance, ...body } = parseBody(recordMeasurementBodySchema, req.body);
    const result = await commands.recordMeasurement({ orgId: org, indicatorId, ...body }, commandContext(req, provenance));
    sendCommandResult(res, 201, result);
  });

  router.get('/orgs/:org/indicators/:indicatorId/measurements', async (req, res) => {
    const { org, indicatorId } = parseParams(indicatorParamsSchema, req.params);
    await sendAnswer(req, res, await queries.measurements(org, indicatorId, parseQuery(measurementsQuerySchema, req.query)), measurementsExport);
  });

  router.get('/orgs/:org/indicators/:indicatorId/history', async (req, res) => {
    const { org, indicatorId } = parseParams(indicatorParamsSchema, req.params);
    await sendAnswer(req, res, await queries.indicatorHistory(org, indicatorId, parseQuery(historyQuerySchema, req.query)), historyExport(`indicator-${indicatorId}-history`));
  });

  return router;
}
