/**
 * Limits on what a request may carry, checked before any route sees it:
 *   - a body of at most BODY_LIMIT (413), and only as JSON (415 naming Content-Type);
 *   - valid UTF-8 and at most MAX_JSON_DEPTH nested objects/arrays (400; checked on the raw
 *     bytes before parsing, so a hostile body never reaches JSON.parse);
 *   - no `__proto__`, `constructor` or `prototype` keys anywhere (400 naming the field);
 *   - a query string of at most MAX_QUERY_LENGTH characters (414);
 *   - on a command (any method but GET, HEAD, OPTIONS), no query parameter at all: commands take
 *     their input from the body and headers only, so a parameter would be ignored (400 naming each);
 *     the file-import routes (file-upload-routes.ts) take a file body and their own few parameters.
 * String lengths, array lengths and unknown fields are the zod schemas' job (src/http/schemas).
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { BadRequestError } from '../../errors.ts';
import { sendProblem } from '../problem.ts';
import { FILE_MEDIA_TYPES, fileUploadRouteOf } from './file-upload-routes.ts';
import { MAX_JSON_DEPTH, MAX_QUERY_LENGTH } from './limits.ts';

export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Deepest nesting of objects/arrays in JSON text (brackets inside strings do not count). */
export function jsonDepth(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (OPEN.has(byte)) deepest = Math.max(deepest, ++depth);
    else if (CLOSE.has(byte)) depth--;
  }
  return deepest;
}

/** body-parser's `verify`: runs on the raw bytes; its BadRequestError becomes the 400. */
export function verifyJsonBytes(_req: IncomingMessage, _res: unknown, bytes: Buffer): void {
  if (!isUtf8(bytes)) throw new BadRequestError('the request body is not valid UTF-8', [{ field: '', message: 'invalid UTF-8' }]);
  if (jsonDepth(bytes) > MAX_JSON_DEPTH) {
    throw new BadRequestError(`the request body nests deeper than ${MAX_JSON_DEPTH} levels`, [{ field: '', message: `deeper than ${MAX_JSON_DEPTH} levels` }]);
  }
}

function forbiddenKeyPaths(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return found;
  for (const [key, child] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key)) found.push([...path, key].join('/'));
    else forbiddenKeyPaths(child, [...path, key], found);
  }
  return found;
}

/** After parsing: rejects prototype-pollution keys, naming each (depth is already bounded). */
export const rejectForbiddenKeys: RequestHandler = (req, _res, next) => {
  const paths = forbiddenKeyPaths(req.body);
  if (paths.length === 0) return next();
  next(new BadRequestError('the request body has a forbidden key', paths.map((field) => ({ field, message: 'forbidden key' }))));
};

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Before parsing: a body must be JSON; the query string must be short. */
export const requestShapeLimits: RequestHandler = (req, res, next) => {
  const queryLength = req.originalUrl.length - req.originalUrl.split('?')[0]!.length;
  if (queryLength > MAX_QUERY_LENGTH) {
    return sendProblem(res, 414, 'uri_too_long', `the query string is longer than ${MAX_QUERY_LENGTH} characters`, [{ field: 'query', message: 'too long' }]);
  }
  if (hasBody(req) && !req.is(JSON_MEDIA_TYPES) && !(fileUploadRouteOf(req) && req.is(FILE_MEDIA_TYPES))) {
    return sendProblem(res, 415, 'unsupported_media_type', 'the request body must be JSON (Content-Type: application/json)', [{ field: 'Content-Type', message: 'must be application/json' }]);
  }
  next();
};

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** After the shape limits: a command with a query parameter is refused, every parameter named. */
export const rejectCommandQuery: RequestHandler = (req, _res, next) => {
  if (READ_METHODS.has(req.method)) return next();
  const allowed = fileUploadRouteOf(req)?.query ?? [];
  const names = [...new URLSearchParams(req.originalUrl.slice(req.originalUrl.split('?')[0]!.length)).keys()].filter((name) => !allowed.includes(name));
  if (names.length === 0) return next();
  next(new BadRequestError('commands take no query parameters', [...new Set(names)].map((field) => ({ field, message: 'unknown query parameter' }))));
};
