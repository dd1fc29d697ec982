/**
 * The Express app of the HTTP API (built here, started by src/main.ts via the composition
 * root). JSON bodies up to 1mb; every route under /api/v1; one error middleware turns every
 * failure into application/problem+json (problem.ts).
 */
import express from 'express';
import type { CommandService } from '../commands/command-types.ts';
import type { Projector } from '../read/projector.ts';
import { createQueryService } from '../read/queries.ts';
import type { EventStore } from '../store/event-store.ts';
import { problemMiddleware, unknownRoute } from './problem.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { indicatorsRoutes } from './routes/indicators-routes.ts';
import { objectivesRoutes } from './routes/objectives-routes.ts';
import { openApiRoutes } from './routes/openapi-routes.ts';
import { orgChartRoutes } from './routes/org-chart-routes.ts';
import { orgsRoutes } from './routes/orgs-routes.ts';

export interface AppDeps {
  store: EventStore;
  projector: Projector;
  commands: CommandService;
  /** Now: today's date is the default `at`, now the default `asKnownAt`. */
  clock: () => Date;
}

export const API_PREFIX = '/api/v1';

export function buildApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // ETags are set explicitly (stream revisions); express's body-hash ETags would look like If-Match values.
  app.set('etag', false);
  app.use(express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));

  const routeDeps = { commands: deps.commands, queries: createQueryService({ projector: deps.projector, clock: deps.clock }) };
  app.use(API_PREFIX, healthRoutes(deps), openApiRoutes(), orgsRoutes(routeDeps), orgChartRoutes(routeDeps), objectivesRoutes(routeDeps), indicatorsRoutes(routeDeps));

  app.use(unknownRoute);
  app.use(problemMiddleware());
  return app;
}
