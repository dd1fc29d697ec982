/**
 * GET /orgs/:org/live — Server-Sent Events of a live view (src/live/): a snapshot, then one
 * `change` per event that touches the view, `id` = global position; resume with Last-Event-ID
 * (or ?lastEventId=). Input is checked before the stream opens: 400 / 404 as problem+json.
 */
import { Router } from 'express';
import type { LiveHub } from '../../live/live-hub.ts';
import { lastEventIdHeaderSchema, liveQuerySchema } from '../../live/live-request-schema.ts';
import { BadRequestError } from '../../errors.ts';
import { orgParamsSchema } from '../schemas/query-schemas.ts';
import { fieldProblems, parseParams, parseQuery } from '../validate.ts';

export function liveRoutes({ live }: { live: LiveHub }): Router {
  const router = Router();

  router.get('/orgs/:org/live', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    const { view, lastEventId, ...filter } = parseQuery(liveQuerySchema, req.query);
    const header = lastEventIdHeaderSchema.safeParse({ 'Last-Event-ID': req.get('Last-Event-ID') });
    if (!header.success) throw new BadRequestError('the Last-Event-ID header is invalid', fieldProblems(header.error));
    await live.serve(req, res, { view, orgId: org, filter, lastEventId: header.data['Last-Event-ID'] ?? lastEventId });
  });

  return router;
}
