/**
 * The one error middleware: every error becomes application/problem+json
 * `{type, title, status, detail, code, problems: [{field, message}]}` (RFC 9457).
 *   - AppError subclasses keep their status and code (problems name the offending fields); a
 *     RetryLaterError (503 unavailable, 507 storage_full, 429) also gets Retry-After;
 *   - body-parser errors: malformed JSON → 400 (field '' = the body), too large → 413,
 *     unsupported encoding or charset → 415;
 *   - anything else is a bug: 500 with a generic detail, logged to stderr (method, path and
 *     stack; never the query string nor any header), never sent.
 */
import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { AppError, NotFoundError, RetryLaterError, type FieldProblem } from '../errors.ts';
import { BODY_LIMIT } from './security/limits.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  problems: FieldProblem[];
}

export function sendProblem(res: Response, status: number, code: string, detail: string, problems: FieldProblem[] = []): void {
  const body: ProblemDocument = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, code, problems };
  res.status(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** Last route: no route matched. */
export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`no route ${req.method} ${req.path}`));
};

interface BodyParserError {
  type: string;
  status: number;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return error instanceof Error && typeof (error as Partial<BodyParserError>).type === 'string' && typeof (error as Partial<BodyParserError>).status === 'number';
}

export function problemMiddleware(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof RetryLaterError) {
      res.set('Retry-After', String(error.retryAfterSeconds));
      return sendProblem(res, error.status, error.code, error.message, error.problems);
    }
    if (error instanceof AppError && error.status < 500) return sendProblem(res, error.status, error.code, error.message, error.problems);
    if (isBodyParserError(error)) {
      switch (error.type) {
        case 'entity.parse.failed':
          return sendProblem(res, 400, 'bad_request', 'the request body is not valid JSON', [{ field: '', message: `malformed JSON: ${error.message}` }]);
        case 'entity.too.large':
          return sendProblem(res, 413, 'payload_too_large', `the request body is larger than ${BODY_LIMIT}`, [{ field: '', message: `larger than ${BODY_LIMIT}` }]);
        case 'encoding.unsupported':
        case 'charset.unsupported':
          return sendProblem(res, 415, 'unsupported_media_type', error.message, [{ field: '', message: error.message }]);
        default:
          if (error.status >= 400 && error.status < 500) return sendProblem(res, error.status, 'bad_request', error.message);
      }
    }
    // The router's 400 for a path it cannot percent-decode.
    if (error instanceof URIError && (error as Partial<BodyParserError>).status === 400) {
      return sendProblem(res, 400, 'bad_request', 'the path is not validly percent-encoded', [{ field: 'path', message: 'bad percent-encoding' }]);
    }
    // Path only: a query string may carry data, and headers (Authorization) are never logged.
    log(`500 ${req.method} ${req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return sendProblem(res, 500, 'internal', 'an unexpected error occurred; it has been logged');
  };
}
