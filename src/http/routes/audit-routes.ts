/**
 * The auditors' endpoints (access: auditor or admin, enforced for the /api/v1/audit prefix by
 * src/http/auth/access-policy.ts):
 * - GET /audit/verify: verifies the hash chains and checkpoints of the whole log (verifyLog);
 *   200 either way, the body says whether the log is intact and, if not, the first failing position;
 * - GET /audit/events: pages through the raw log, metadata and integrity included.
 */
import { Router } from 'express';
import { readAuditEvents } from '../../audit/read-audit-events.ts';
import { verifyLog } from '../../audit/verify-log.ts';
import type { EventStore } from '../../store/event-store.ts';
import { auditEventsQuerySchema, auditVerifyQuerySchema } from '../schemas/audit-schemas.ts';
import { parseQuery } from '../validate.ts';

export function auditRoutes({ store }: { store: EventStore }): Router {
  const router = Router();

  router.get('/audit/verify', async (req, res) => {
    parseQuery(auditVerifyQuerySchema, req.query);
    res.set('Cache-Control', 'no-store').json(await verifyLog(store));
  });

  router.get('/audit/events', async (req, res) => {
    const query = parseQuery(auditEventsQuerySchema, req.query);
    res.set('Cache-Control', 'no-store').json(await readAuditEvents(store, query));
  });

  return router;
}
