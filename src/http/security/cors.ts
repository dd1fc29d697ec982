/**
 * CORS, off unless origins are configured (ORGTRAIL_CORS_ORIGINS). An allowed origin gets
 * Access-Control-Allow-Origin (exactly itself, never `*`) and the response headers a client
 * needs (ETag, Location, Retry-After); a preflight (allowing every request header the API reads:
 * Authorization, Content-Type, If-Match, Idempotency-Key, Last-Event-ID) from it is answered 204 here. A preflight
 * from any other origin is a 403 problem; other requests from it get no CORS headers, so the
 * browser keeps their answers from the page. Tokens travel in Authorization, never in cookies,
 * so credentials are never allowed.
 */
import type { RequestHandler } from 'express';
import { sendProblem } from '../problem.ts';

const ALLOW_METHODS = 'GET, HEAD, POST, PATCH, DELETE';
const ALLOW_HEADERS = 'Authorization, Content-Type, If-Match, Idempotency-Key, Last-Event-ID';
const EXPOSE_HEADERS = 'ETag, Location, Retry-After';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

export function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('Origin');
    if (allowed.size > 0) res.vary('Origin');
    const preflight = req.method === 'OPTIONS' && req.get('Access-Control-Request-Method') !== undefined;
    if (origin === undefined || !allowed.has(origin)) {
      if (preflight) return sendProblem(res, 403, 'forbidden', 'cross-origin requests from this origin are not allowed', [{ field: 'Origin', message: 'not allowed' }]);
      return next();
    }
    res.set('Access-Control-Allow-Origin', origin);
    if (!preflight) {
      res.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
      return next();
    }
    res.set({ 'Access-Control-Allow-Methods': ALLOW_METHODS, 'Access-Control-Allow-Headers': ALLOW_HEADERS, 'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS });
    res.status(204).end();
  };
}
