/**
 * GET audit/backdated: changes recorded more than minDays days after their effective date
 * (src/read/backdated.ts). Access to /api/v1/audit is decided by the access policy, not here.
 */
import { Router } from 'express';
import { createBackdatedQuery } from '../../read/backdated.ts';
import type { Projector } from '../../read/projector.ts';
import { backdatedQuerySchema } from '../schemas/audit-question-schemas.ts';
import { parseQuery } from '../validate.ts';

export function backdatedRoutes(deps: { projector: Projector; clock: () => Date }): Router {
  const router = Router();
  const backdated = createBackdatedQuery(deps);

  router.get('/audit/backdated', async (req, res) => {
    res.json(await backdated(parseQuery(backdatedQuerySchema, req.query)));
  });

  return router;
}
