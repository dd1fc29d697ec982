/** The CommandContext of an HTTP command. */
import type { Request } from 'express';
import type { CommandContext, Provenance } from '../commands/command-types.ts';
import { parseIfMatch } from './if-match.ts';

/**
 * Until authentication exists, every command is recorded by the fixed principal 'anonymous';
 * the auth issue will put the token's principal here. Never taken from the request body.
 */
const ANONYMOUS = 'anonymous';

export function commandContext(req: Request, provenance: Provenance | undefined, options: { ifMatch?: boolean } = {}): CommandContext {
  const ctx: CommandContext = { recordedBy: ANONYMOUS };
  if (provenance !== undefined) ctx.provenance = provenance;
  if (options.ifMatch) {
    const expectedRevision = parseIfMatch(req.get('If-Match'));
    if (expectedRevision !== undefined) ctx.expectedRevision = expectedRevision;
  }
  return ctx;
}
