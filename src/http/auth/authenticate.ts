/**
 * Reads `Authorization: Bearer <token>` and resolves its principal. It rejects nothing itself:
 * the rate limit keys on the result and the access policy decides (an invalid token is a 401
 * wherever a token matters). The token is never logged nor kept beyond this call.
 */
import type { RequestHandler } from 'express';
import type { TokenService } from '../../auth/token-service.ts';
import { setCredentials } from './principal.ts';

/** RFC 6750 b64token, bounded (the bootstrap token is at most 512 characters). */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]{1,512}=*) *$/i;

export function authenticate(tokens: TokenService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('Authorization');
    if (header === undefined) {
      setCredentials(req, { kind: 'none' });
      return next();
    }
    const match = BEARER.exec(header);
    if (!match?.[1]) {
      setCredentials(req, { kind: 'invalid', reason: 'the Authorization header must be "Bearer <token>"' });
      return next();
    }
    const principal = await tokens.authenticate(match[1]);
    setCredentials(req, principal ? { kind: 'valid', principal } : { kind: 'invalid', reason: 'the token is unknown or revoked' });
    next();
  };
}
