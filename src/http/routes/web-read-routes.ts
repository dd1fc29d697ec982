/**
 * Reads the web page leans on (each also a plain API read, documented in OpenAPI):
 *   GET /orgs/:org/timeline        change dates (valid time) and recording instants (system time), one answer;
 *   GET /orgs/:org/search?q=       units and objectives by text (the competency search's twin);
 *   GET /sources/:id/text          a source document, read-only, as UTF-8 text (line n is the n-th line).
 */
import { Router } from 'express';
import { createTimelineQuery } from '../../read/org-timeline.ts';
import type { Projector } from '../../read/projector.ts';
import { sourceDocument } from '../../read/sources/source-documents.ts';
import { createUnitObjectiveSearch } from '../../read/unit-objective-search.ts';
import { orgParamsSchema } from '../schemas/query-schemas.ts';
import { sourceParamsSchema, sourceTextQuerySchema, timelineQuerySchema, unitObjectiveSearchQuerySchema } from '../schemas/web-read-schemas.ts';
import { parseParams, parseQuery } from '../validate.ts';

export function webReadRoutes(deps: { projector: Projector; clock: () => Date }): Router {
  const router = Router();
  const timeline = createTimelineQuery(deps);
  const search = createUnitObjectiveSearch(deps);

  router.get('/orgs/:org/timeline', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    res.json(await timeline(org, parseQuery(timelineQuerySchema, req.query)));
  });

  router.get('/orgs/:org/search', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    res.json(await search(org, parseQuery(unitObjectiveSearchQuerySchema, req.query)));
  });

  router.get('/sources/:id/text', (req, res) => {
    const { id } = parseParams(sourceParamsSchema, req.params);
    parseQuery(sourceTextQuerySchema, req.query);
    const doc = sourceDocument(id);
    res.set('X-Orgtrail-Source-Document', doc.document);
    res.set('Cache-Control', 'public, max-age=3600');
    res.type('text/plain; charset=utf-8').send(doc.text);
  });

  return router;
}
