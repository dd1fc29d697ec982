/**
 * GET /health: `{status, store, position}` — which store serves, and how far the read models are;
 * 503 with status `failed` and the reason once the read models stopped on an unreadable event.
 */
import { Router } from 'express';
import type { Projector } from '../../read/projector.ts';
import type { EventStore } from '../../store/event-store.ts';

export function healthRoutes({ store, projector }: { store: EventStore; projector: Projector }): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const stoppedBy = projector.stoppedBy;
    res.set('Cache-Control', 'no-store');
    if (stoppedBy) res.status(503).json({ status: 'failed', store: store.kind, position: projector.models.position, reason: stoppedBy.message });
    else res.json({ status: 'ok', store: store.kind, position: projector.models.position });
  });
  return router;
}
