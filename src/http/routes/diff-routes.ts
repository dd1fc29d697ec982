/**
 * What changed between two cuts: GET org-chart/diff and pdo/diff, either between two dates
 * (from, to) as known at one instant, or on one date (at) between two instants
 * (asKnownFrom, asKnownTo) — see src/read/diff/diff-window.ts.
 */
import { Router } from 'express';
import { createDiffQueries } from '../../read/diff/diff-queries.ts';
import type { Projector } from '../../read/projector.ts';
import { orgChartDiffExport, pdoDiffExport } from '../export/diff-rows.ts';
import { sendAnswer } from '../export/send-answer.ts';
import { orgChartDiffQuerySchema, pdoDiffQuerySchema } from '../schemas/audit-question-schemas.ts';
import { orgParamsSchema } from '../schemas/query-schemas.ts';
import { parseParams, parseQuery } from '../validate.ts';

export function diffRoutes(deps: { projector: Projector; clock: () => Date }): Router {
  const router = Router();
  const diffs = createDiffQueries(deps);

  router.get('/orgs/:org/org-chart/diff', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    await sendAnswer(req, res, await diffs.orgChartDiff(org, parseQuery(orgChartDiffQuerySchema, req.query)), orgChartDiffExport);
  });

  router.get('/orgs/:org/pdo/diff', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    await sendAnswer(req, res, await diffs.pdoDiff(org, parseQuery(pdoDiffQuerySchema, req.query)), pdoDiffExport);
  });

  return router;
}
