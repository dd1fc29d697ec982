/**
 * The one access policy of the HTTP API, applied before every router:
 *
 *   | request                                                      | needs                 |
 *   |--------------------------------------------------------------|-----------------------|
 *   | GET /api/v1/health, /api/v1/openapi.json, the page `/` and   | nothing (always open) |
 *   |   its assets (any GET outside /api)                          |                       |
 *   | anything under /api/v1/tokens                                | admin                 |
 *   | anything under /api/v1/audit                                 | auditor or admin      |
 *   | a GET with `provenance` (but =false/=0), `format` (other     | auditor or admin      |
 *   |   than json) or `Accept: text/csv` (an export)               |                       |
 *   | any other GET or HEAD (reads, incl. the live SSE stream)     | nothing, or reader+   |
 *   |                                                              | if reads are private  |
 *   | any other method (POST/PATCH commands, annulments...)        | editor or admin       |
 *
 * Paths are matched decoded, lowercased and with repeated slashes collapsed, because Express
 * routes match case-insensitively. A presented token that is invalid is a 401 on every route
 * except the always-open ones, even where no token is needed.
 */
import type { Request, RequestHandler } from 'express';
import { roleGrants, type Permission } from '../../auth/roles.ts';
import { sendProblem } from '../problem.ts';
import { requestCredentials } from './principal.ts';

/** What a request needs: 'open' (always public) or a permission. */
export type Access = 'open' | Permission;

const API = '/api/';
const ALWAYS_OPEN = new Set(['/api/v1/health', '/api/v1/openapi.json']);

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

function normalisedPath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Undecodable paths are matched raw; the router answers them 400 or 404.
  }
  return decoded.toLowerCase().replace(/\/{2,}/g, '/').replace(/\/$/, '') || '/';
}

function isExport(req: Request): boolean {
  const { provenance, format } = req.query as Record<string, unknown>;
  const accept = req.get('Accept') ?? '';
  return (provenance !== undefined && provenance !== 'false' && provenance !== '0') || (format !== undefined && format !== 'json') || /text\/csv/i.test(accept);
}

export function requiredAccess(req: Request): Access {
  const path = normalisedPath(req.path);
  const isRead = req.method === 'GET' || req.method === 'HEAD';
  if (under(path, '/api/v1/tokens')) return 'admin';
  if (under(path, '/api/v1/audit')) return 'audit';
  if (!isRead) return 'write';
  if (ALWAYS_OPEN.has(path) || !(path.startsWith(API) || path === '/api')) return 'open';
  return isExport(req) ? 'audit' : 'read';
}

const REALM = 'Bearer realm="orgtrail"';

export function accessPolicy({ publicReads }: { publicReads: boolean }): RequestHandler {
  return (req, res, next) => {
    const access = requiredAccess(req);
    if (access === 'open') return next();
    const credentials = requestCredentials(req);
    if (credentials.kind === 'none') {
      if (access === 'read' && publicReads) return next();
      res.set('WWW-Authenticate', REALM);
      return sendProblem(res, 401, 'unauthorized', `this request needs a bearer token (${access})`, [{ field: 'Authorization', message: 'missing' }]);
    }
    if (credentials.kind === 'invalid') {
      res.set('WWW-Authenticate', `${REALM}, error="invalid_token"`);
      return sendProblem(res, 401, 'unauthorized', credentials.reason, [{ field: 'Authorization', message: credentials.reason }]);
    }
    if (!roleGrants(credentials.principal.role, access)) {
      res.set('WWW-Authenticate', `${REALM}, error="insufficient_scope"`);
      return sendProblem(res, 403, 'forbidden', `the role ${credentials.principal.role} may not ${access}`, [{ field: 'Authorization', message: `role ${credentials.principal.role} lacks ${access}` }]);
    }
    next();
  };
}
