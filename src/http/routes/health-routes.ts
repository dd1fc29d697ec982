/** GET /health: `{status, store, position}` — which store serves, and how far the read models are. */
import { Router } from 'express';
import type { Projector } from '../../read/projector.ts';
import type { EventStore } from '../../store/event-store.ts';

export function healthRoutes({ store, projector }: { store: EventStore; projector: Projector }): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok', store: store.kind, position: projector.models.position });
  });
  return router;
}
