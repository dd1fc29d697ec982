/**
 * If-Match → the expected stream revision of a command. ETags are the stream revision,
 * strong and quoted ("3"); `3` and `W/"3"` are accepted too. `*` means "any existing"
 * (the command itself answers 404 when the target does not exist), so it sets no revision.
 */
import { BadRequestError } from '../errors.ts';

const ETAG = /^(?:W\/)?"(\d{1,15})"$|^(\d{1,15})$/;

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
