/**
 * Documents the exports in the OpenAPI document: every GET taking the `format` query parameter
 * (the routes answering through sendAnswer) also answers 200 as text/csv, and names its basis
 * and file in the X-Orgtrail-Basis and Content-Disposition headers. Returns a new document.
 */
import { BASIS_HEADER } from './send-answer.ts';

type Json = Record<string, unknown>;

interface Operation {
  parameters?: { name: string; in: string }[];
  responses?: Record<string, { content?: Json; headers?: Json }>;
}

const CSV_CONTENT = {
  'text/csv': {
    schema: {
      type: 'string',
      description:
        'RFC 4180 CSV, UTF-8 with a BOM, CRLF line ends; one header row; the basis repeated on every row in trailing basis… columns. Chosen by format=csv or Accept: text/csv; needs an auditor or admin token.',
    },
  },
};

const EXPORT_HEADERS = {
  [BASIS_HEADER]: { description: 'The cut the answer was taken at, e.g. `at=2024-06-01; asKnownAt=…; position=410`.', schema: { type: 'string' } },
  'Content-Disposition': { description: 'On an export (CSV, or explicit format=json): attachment; filename="<org>_<view>_<basis>.<csv|json>".', schema: { type: 'string' } },
};

export function withCsvExports<D extends Json>(document: D): D {
  const paths = structuredClone(document['paths'] ?? {}) as Record<string, Record<string, Operation>>;
  for (const item of Object.values(paths)) {
    const get = item['get'];
    const ok = get?.responses?.['200'];
    if (!ok || !get?.parameters?.some((p) => p.in === 'query' && p.name === 'format')) continue;
    ok.content = { ...ok.content, ...CSV_CONTENT };
    ok.headers = { ...ok.headers, ...EXPORT_HEADERS };
  }
  return { ...document, paths };
}
