/**
 * The Express app of the HTTP API (built here, started by src/main.ts via the composition
 * root). Every request first passes the request guards (headers, CORS, auth, rate limit, input
 * limits: src/http/security/request-guards.ts); every route under /api/v1; one error middleware
 * turns every failure into application/problem+json (problem.ts).
 */
import express from 'express';
import type { CommandService } from '../commands/command-types.ts';
import { DEFAULT_STRUCTURE_LIMITS, type StructureLimits } from '../commands/structure-limits.ts';
import type { LiveHub } from '../live/live-hub.ts';
import type { Projector } from '../read/projector.ts';
import { createQueryService } from '../read/queries.ts';
import type { EventStore } from '../store/event-store.ts';
import type { TokenService } from '../auth/token-service.ts';
import { tokenRoutes } from './auth/token-routes.ts';
import { AnswerCache } from './answers/answer-cache.ts';
import { problemMiddleware, unknownRoute } from './problem.ts';
import { requestGuards } from './security/request-guards.ts';
import type { SecurityConfig } from './security/security-config.ts';
import { actsRoutes } from './routes/acts-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { backdatedRoutes } from './routes/backdated-routes.ts';
import { competenciesRoutes } from './routes/competencies-routes.ts';
import { diffRoutes } from './routes/diff-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { indicatorsRoutes } from './routes/indicators-routes.ts';
import { liveRoutes } from './routes/live-routes.ts';
import { objectivesRoutes } from './routes/objectives-routes.ts';
import { openApiRoutes } from './routes/openapi-routes.ts';
import { orgChartPdfRoutes } from './routes/org-chart-pdf-routes.ts';
import { orgChartRoutes } from './routes/org-chart-routes.ts';
import { orgsRoutes } from './routes/orgs-routes.ts';
import { plansRoutes } from './routes/plans-routes.ts';
import { snapshotsRoutes } from './routes/snapshots-routes.ts';
import { sourcesRoutes } from './routes/sources-routes.ts';
import { staticRoutes } from './static-routes.ts';
import { webReadRoutes } from './routes/web-read-routes.ts';

export interface AppDeps {
  store: EventStore;
  projector: Projector;
  commands: CommandService;
  /** Now: today's date is the default `at`, now the default `asKnownAt`. */
  clock: () => Date;
  tokens: TokenService;
  security: SecurityConfig;
  /** Bound of the cut reads' answer cache, in bytes (default 64 MiB; src/http/answers/answer-cache.ts). */
  answerCacheBytes?: number;
  /** Live views over SSE; absent (e.g. in benchmarks of the plain API): no /live route. */
  live?: LiveHub;
  /** Deepest unit tree a snapshot import may list (default DEFAULT_STRUCTURE_LIMITS). */
  limits?: StructureLimits;
}

export const API_PREFIX = '/api/v1';

export function buildApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // ETags are set explicitly (stream revisions, or the answer's basis: src/http/answers/read-etag.ts).
  app.set('etag', false);
  app.set('trust proxy', deps.security.trustProxy);
  app.use(requestGuards(deps));

  const routeDeps = { commands: deps.commands, queries: createQueryService({ projector: deps.projector, clock: deps.clock }), answers: new AnswerCache(deps.answerCacheBytes) };
  app.use(API_PREFIX, healthRoutes(deps), openApiRoutes(), orgsRoutes(routeDeps), orgChartPdfRoutes({ ...routeDeps, store: deps.store, clock: deps.clock }), orgChartRoutes(routeDeps), objectivesRoutes(routeDeps), indicatorsRoutes(routeDeps));
  app.use(API_PREFIX, diffRoutes(deps), competenciesRoutes(deps), backdatedRoutes(deps), webReadRoutes(deps));
  if (deps.live) app.use(API_PREFIX, liveRoutes({ live: deps.live }));

  app.use(API_PREFIX, tokenRoutes(deps.tokens));
  app.use(API_PREFIX, auditRoutes(deps));
  app.use(API_PREFIX, actsRoutes(routeDeps));
  app.use(API_PREFIX, sourcesRoutes(routeDeps));
  app.use(API_PREFIX, plansRoutes(routeDeps));
  app.use(API_PREFIX, snapshotsRoutes({ store: deps.store, projector: deps.projector, limits: deps.limits ?? DEFAULT_STRUCTURE_LIMITS }));

  app.use(staticRoutes());
  app.use(unknownRoute);
  app.use(problemMiddleware());
  return app;
}
