/** GET competencies: full-text search of competencies on a date, with the unit holding each (src/read/competency-search.ts). */
import { Router } from 'express';
import { createCompetencySearch } from '../../read/competency-search.ts';
import type { Projector } from '../../read/projector.ts';
import { competencySearchQuerySchema } from '../schemas/audit-question-schemas.ts';
import { orgParamsSchema } from '../schemas/query-schemas.ts';
import { parseParams, parseQuery } from '../validate.ts';

export function competenciesRoutes(deps: { projector: Projector; clock: () => Date }): Router {
  const router = Router();
  const search = createCompetencySearch(deps);

  router.get('/orgs/:org/competencies', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    res.json(await search(org, parseQuery(competencySearchQuerySchema, req.query)));
  });

  return router;
}
