/**
 * Everything a request passes before any router, in this order: security headers, CORS,
 * authentication (the principal, if any), rate limit (per token or per address), the access
 * policy (401/403), shape limits (414/415), no query parameter on a command (400), the JSON body (≤ BODY_LIMIT, UTF-8, depth), and
 * the prototype-key check. A request refused on the way appends nothing and reaches no route.
 */
import express, { type RequestHandler } from 'express';
import type { TokenService } from '../../auth/token-service.ts';
import { accessPolicy } from '../auth/access-policy.ts';
import { authenticate } from '../auth/authenticate.ts';
import { cors } from './cors.ts';
import { JSON_MEDIA_TYPES, rejectCommandQuery, rejectForbiddenKeys, requestShapeLimits, verifyJsonBytes } from './input-limits.ts';
import { BODY_LIMIT } from './limits.ts';
import { rateLimit } from './rate-limit.ts';
import type { SecurityConfig } from './security-config.ts';
import { securityHeaders } from './security-headers.ts';

export function requestGuards({ tokens, security }: { tokens: TokenService; security: SecurityConfig }): RequestHandler[] {
  return [
    securityHeaders(),
    cors(security.corsOrigins),
    authenticate(tokens),
    rateLimit({ perMinute: security.rateLimitPerMinute }),
    accessPolicy({ publicReads: security.publicReads }),
    requestShapeLimits,
    rejectCommandQuery,
    express.json({ limit: BODY_LIMIT, type: JSON_MEDIA_TYPES, verify: verifyJsonBytes }),
    rejectForbiddenKeys,
  ];
}
