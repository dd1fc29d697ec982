/**
 * The command routes that take a file instead of a JSON body (imports): the file as the body
 * (its own media type) or as a multipart/form-data part, and a few query parameters that say
 * how to import it (dryRun...). Every other command keeps the JSON-only, no-query rules of
 * input-limits.ts. A file body is bounded by FILE_BODY_LIMIT.
 */
import type { IncomingMessage } from 'node:http';

export const FILE_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

export const FILE_MEDIA_TYPES = [
  'multipart/form-data',
  'text/csv',
  'text/plain',
  'application/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

export interface FileUploadRoute {
  method: 'POST';
  path: RegExp;
  /** The query parameters the route reads (any other is refused as on every command). */
  query: readonly string[];
}

export const FILE_UPLOAD_ROUTES: readonly FileUploadRoute[] = [
  { method: 'POST', path: /^\/api\/v1\/orgs\/[^/]+\/plans\/?$/, query: ['dryRun', 'createUnits', 'plan', 'file'] },
  { method: 'POST', path: /^\/api\/v1\/orgs\/[^/]+\/snapshots\/?$/, query: ['dryRun', 'date', 'ipa', 'filename'] },
];

export function fileUploadRouteOf(req: IncomingMessage & { originalUrl?: string }): FileUploadRoute | undefined {
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0]!;
  return FILE_UPLOAD_ROUTES.find((r) => r.method === req.method && r.path.test(path));
}
