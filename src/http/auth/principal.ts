/**
 * The credentials of a request, as found by `authenticate` (src/http/auth/authenticate.ts) before
 * any router runs. Kept beside the request (not in a header or body), so no handler can read a
 * principal that the token did not establish.
 */
import type { Request } from 'express';
import type { Principal } from '../../auth/roles.ts';

export type Credentials = { kind: 'none' } | { kind: 'invalid'; reason: string } | { kind: 'valid'; principal: Principal };

const credentialsOf = new WeakMap<Request, Credentials>();

export function setCredentials(req: Request, credentials: Credentials): void {
  credentialsOf.set(req, credentials);
}

export function requestCredentials(req: Request): Credentials {
  return credentialsOf.get(req) ?? { kind: 'none' };
}

/** The authenticated principal, or undefined for an anonymous (or rejected) request. */
export function principalOf(req: Request): Principal | undefined {
  const credentials = requestCredentials(req);
  return credentials.kind === 'valid' ? credentials.principal : undefined;
}
