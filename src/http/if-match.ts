/**
 * If-Match → the expected stream revision of a command. ETags are the stream revision,
 * strong and quoted ("3"); `3` and `W/"3"` are accepted too. `*` means "any existing"
 * (the command itself answers 404 when the target does not exist), so it sets no revision.
 * A command that has no revision to check (a create, a measurement, a token) refuses If-Match
 * with 400 rather than ignoring a precondition its client relies on.
 */
import { BadRequestError } from '../errors.ts';

// A read's ETag may follow the revision with its basis hash (`W/"6.k1x…"`, src/http/answers/read-etag.ts).
const ETAG = /^(?:W\/)?"(\d{1,15})(?:\.[A-Za-z0-9_-]{1,64})?"$|^(\d{1,15})$/;

export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return undefined;
  const match = ETAG.exec(value);
  if (!match) {
    throw new BadRequestError('If-Match must be one ETag such as "3" (from a GET), or *', [
      { field: 'If-Match', message: 'must be an ETag such as "3", or *' },
    ]);
  }
  return Number(match[1] ?? match[2]);
}

export const etagOf = (revision: number): string => `"${revision}"`;

/** 400 if the request carries If-Match: for commands whose target has no revision to compare it with. */
export function refuseIfMatch(header: string | undefined): void {
  if (header === undefined) return;
  throw new BadRequestError('If-Match does not apply to this command: it creates its target or only adds to it, so there is no revision to match; send it without If-Match', [
    { field: 'If-Match', message: 'not supported on this command' },
  ]);
}
