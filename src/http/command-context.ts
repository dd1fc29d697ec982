/** The CommandContext of an HTTP command. */
import type { Request } from 'express';
import type { CommandContext, Provenance } from '../commands/command-types.ts';
import { BadRequestError } from '../errors.ts';
import { principalOf } from './auth/principal.ts';
import { parseIfMatch, refuseIfMatch } from './if-match.ts';

/**
 * `ifMatch`: the command honours If-Match (an update); otherwise If-Match is refused (400).
 * `recordedBy` is the name of the token's principal (src/http/auth), never taken from the
 * request body. The access policy admits no command without one, so a missing principal here
 * is a bug (a 500), not a client error.
 */
export function commandContext(req: Request, provenance: Provenance | undefined, options: { ifMatch?: boolean } = {}): CommandContext {
  const principal = principalOf(req);
  if (!principal) throw new Error('a command reached its route without an authenticated principal');
  const ctx: CommandContext = { recordedBy: principal.name };
  const key = idempotencyKeyOf(req);
  // Keys are scoped to the token (its id, not its name): two clients choosing the same key never
  // collide, and a token issued under a revoked one's name inherits none of its keys.
  if (key !== undefined) ctx.idempotencyKey = `${principal.tokenId}\u0000${key}`;
  if (provenance !== undefined) ctx.provenance = provenance;
  if (options.ifMatch) {
    const expectedRevision = parseIfMatch(req.get('If-Match'));
    if (expectedRevision !== undefined) ctx.expectedRevision = expectedRevision;
  } else {
    refuseIfMatch(req.get('If-Match'));
  }
  return ctx;
}

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * `Idempotency-Key` (optional): a retried command with the same key (and principal) gets the
 * original result and appends nothing. 1 to 200 visible ASCII characters, e.g. a UUID.
 */
function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw new BadRequestError('invalid Idempotency-Key header', [{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }]);
  }
  return key;
}
