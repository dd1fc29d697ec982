/** The CommandContext of an HTTP command. */
import type { Request } from 'express';
import type { CommandContext, Provenance } from '../commands/command-types.ts';
import { principalOf } from './auth/principal.ts';
import { parseIfMatch } from './if-match.ts';

/**
 * `recordedBy` is the name of the token's principal (src/http/auth), never taken from the
 * request body. The access policy admits no command without one, so a missing principal here
 * is a bug (a 500), not a client error.
 */
export function commandContext(req: Request, provenance: Provenance | undefined, options: { ifMatch?: boolean } = {}): CommandContext {
  const principal = principalOf(req);
  if (!principal) throw new Error('a command reached its route without an authenticated principal');
  const ctx: CommandContext = { recordedBy: principal.name };
  if (provenance !== undefined) ctx.provenance = provenance;
  if (options.ifMatch) {
    const expectedRevision = parseIfMatch(req.get('If-Match'));
    if (expectedRevision !== undefined) ctx.expectedRevision = expectedRevision;
  }
  return ctx;
}
