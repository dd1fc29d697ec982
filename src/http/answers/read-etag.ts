/**
 * ETags of reads, keyed by the answer's basis. A read's answer is decided by its path, its query
 * (less asKnownAt / asOfPosition), its resolved valid date and its resolved log position: the
 * ETag is a hash of those, weak (W/) because the body's asKnownAt echoes the instant asked for
 * (or now) while the answer is the same. A now-read moves to a new ETag with every recording,
 * backdated ones included; a read at a fixed asKnownAt / asOfPosition keeps its ETag for ever.
 * Where a read's ETag is also the If-Match of a command (the org chart: the org stream's
 * revision), the revision leads it (`W/"6.k1x…"`) and parseIfMatch reads it back.
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

const SYSTEM_TIME_PARAMS = new Set(['asKnownAt', 'asOfPosition']);

/** The request's path and query without its system-time parameters, in a canonical order. */
export function readRequestKey(req: Request, format: string): string {
  const query = new URL(req.originalUrl, 'http://x').searchParams;
  const pairs = [...query].filter(([name]) => !SYSTEM_TIME_PARAMS.has(name)).sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return `${req.method === 'HEAD' ? 'GET' : req.method} ${req.baseUrl}${req.path}?${new URLSearchParams(pairs).toString()}|${format}`;
}

/** The basis part of a key: every basis field but the asKnownAt instants (the position decides them). */
export function basisKey(fields: Record<string, string | number | null>): string {
  return Object.entries(fields)
    .filter(([name]) => !/^asKnown/.test(name))
    .map(([name, value]) => `${name}=${value ?? ''}`)
    .join(';');
}

export function readEtag(key: string, revision?: number): string {
  const hash = createHash('sha1').update(key).digest('base64url').slice(0, 20);
  return `W/"${revision === undefined ? '' : `${revision}.`}${hash}"`;
}

/**
 * Weak comparison (RFC 9110 §13.1.2) of If-None-Match with the answer's ETag; `*` matches any.
 * Only the basis hash is compared: the revision in front of it says whether the answer was
 * taken at the head (an If-Match for commands), not what the answer is.
 */
export function matchesIfNoneMatch(req: Request, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (header === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '').replace(/^"\d{1,15}\./, '"');
  const mine = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === mine);
}

/**
 * The validators and caching headers of a read: ETag, revalidate on each use (no-cache), and —
 * where the request carried credentials — private, varying by Authorization, so that no shared
 * cache hands one principal's answer to another.
 */
export function setReadValidators(req: Request, res: Response, etag: string): void {
  res.set('ETag', etag);
  res.vary('Accept-Encoding');
  if (req.headers.authorization !== undefined) {
    res.vary('Authorization');
    res.set('Cache-Control', 'private, no-cache');
  } else {
    res.set('Cache-Control', 'no-cache');
  }
}

/** 304 with the validators already set: no body. */
export function sendNotModified(res: Response): void {
  res.removeHeader('Content-Type');
  res.status(304).end();
}
