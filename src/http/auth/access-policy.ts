/**
 * The one access policy of the HTTP API, applied before every router. The policy, whole:
 *
 *   | request                                                      | needs                 |
 *   |--------------------------------------------------------------|-----------------------|
 *   | GET /api/v1/health, /api/v1/openapi.json, the page `/` and   | nothing (always open) |
 *   |   its assets (any GET outside /api)                          |                       |
 *   | anything under /api/v1/tokens                                | admin                 |
 *   | anything under /api/v1/audit (raw log, verify, backdated)    | auditor or admin      |
 *   | a GET with `provenance` (but =false/=0)                      | auditor or admin      |
 *   | a GET answered in a format (ANSWER_FORMAT_ACCESS):           |                       |
 *   |   json, csv, xlsx (the same public data, as a file)          | as the read itself    |
 *   | any other GET or HEAD (reads, incl. the live SSE stream)     | nothing, or reader+   |
 *   |                                                              | if reads are private  |
 *   | any other method (POST/PATCH commands, annulments...)        | editor or admin       |
 *
 * The answer format is the one decided by content negotiation (answer-format.ts), decided here
 * once and rendered as decided: the policy never matches `format` or `Accept` text itself.
 * Paths are matched decoded, lowercased and with repeated slashes collapsed, because Express
 * routes match case-insensitively. A presented token that is invalid is a 401 on every route
 * except the always-open ones, even where no token is needed.
 */
import type { Request, RequestHandler } from 'express';
import { roleGrants, type Permission } from '../../auth/roles.ts';
import { decideAnswerFormat, type AnswerFormat } from '../export/answer-format.ts';
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

/** What answering a read in each format needs: exports of public data are as public as its JSON. */
export const ANSWER_FORMAT_ACCESS: Readonly<Record<AnswerFormat, Permission>> = { json: 'read', csv: 'read', xlsx: 'read', pdf: 'read' };

function asksProvenance(req: Request): boolean {
  const { provenance } = req.query as Record<string, unknown>;
  return provenance !== undefined && provenance !== 'false' && provenance !== '0';
}

/** A request as the policy sees it: method, path, and what it asks the answer to be. */
export interface AccessRequest {
  method: string;
  path: string;
  provenance: boolean;
  format: AnswerFormat;
}

/** The policy itself, on a request's description (the OpenAPI document asks it too). */
export function accessOf({ method, path, provenance, format }: AccessRequest, formatAccess: Readonly<Record<AnswerFormat, Permission>> = ANSWER_FORMAT_ACCESS): Access {
  const normalised = normalisedPath(path);
  const isRead = method === 'GET' || method === 'HEAD';
  if (under(normalised, '/api/v1/tokens')) return 'admin';
  if (under(normalised, '/api/v1/audit')) return 'audit';
  if (!isRead) return 'write';
  if (ALWAYS_OPEN.has(normalised) || !(normalised.startsWith(API) || normalised === '/api')) return 'open';
  if (provenance) return 'audit';
  return formatAccess[format];
}

export function requiredAccess(req: Request, formatAccess: Readonly<Record<AnswerFormat, Permission>> = ANSWER_FORMAT_ACCESS): Access {
  return accessOf({ method: req.method, path: req.path, provenance: asksProvenance(req), format: decideAnswerFormat(req).format }, formatAccess);
}

const REALM = 'Bearer realm="orgtrail"';

export interface AccessPolicyOptions {
  publicReads: boolean;
  /** What each answer format needs (default ANSWER_FORMAT_ACCESS); a test restricts one format to show that the negotiated format is what is authorised. */
  formatAccess?: Readonly<Record<AnswerFormat, Permission>>;
}

export function accessPolicy({ publicReads, formatAccess = ANSWER_FORMAT_ACCESS }: AccessPolicyOptions): RequestHandler {
  return (req, res, next) => {
    const access = requiredAccess(req, formatAccess);
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
