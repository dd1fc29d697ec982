/**
 * Documents the exports in the OpenAPI document: every GET taking the `format` query parameter
 * (the routes answering through sendAnswer) also answers 200 as text/csv and as XLSX, and names
 * its basis and file in the X-Orgtrail-Basis and Content-Disposition headers. Returns a new
 * document.
 */
import { ANSWER_MEDIA_TYPES } from './answer-format.ts';
import { BASIS_HEADER } from './send-answer.ts';

type Json = Record<string, unknown>;

interface Operation {
  parameters?: { name: string; in: string }[];
  responses?: Record<string, { content?: Json; headers?: Json }>;
}

const EXPORT_CONTENT = {
  [ANSWER_MEDIA_TYPES.csv]: {
    schema: {
      type: 'string',
      description:
        'RFC 4180 CSV, UTF-8 with a BOM, CRLF line ends; one header row; the basis repeated on every row in trailing basis… columns. Chosen by format=csv or Accept: text/csv; sep=semicolon for ";" and decimal commas. As public as the JSON answer.',
    },
  },
  [ANSWER_MEDIA_TYPES.xlsx]: {
    schema: {
      type: 'string',
      contentEncoding: 'binary',
      description: 'An Excel workbook: the rows of the CSV on one sheet (typed dates, frozen header row), then a basis sheet. Chosen by format=xlsx or Accept of its media type.',
    },
  },
};

const EXPORT_HEADERS = {
  [BASIS_HEADER]: { description: 'The cut the answer was taken at, e.g. `at=2024-06-01; asKnownAt=…; position=410`.', schema: { type: 'string' } },
  'Content-Disposition': { description: 'On an export (CSV, XLSX, or explicit format=json): attachment; filename="<org>_<view>_<basis>.<csv|xlsx|json>".', schema: { type: 'string' } },
};

export function withExportAnswers<D extends Json>(document: D): D {
  const paths = structuredClone(document['paths'] ?? {}) as Record<string, Record<string, Operation>>;
  for (const item of Object.values(paths)) {
    const get = item['get'];
    const ok = get?.responses?.['200'];
    if (!ok || !get?.parameters?.some((p) => p.in === 'query' && p.name === 'format')) continue;
    ok.content = { ...ok.content, ...EXPORT_CONTENT };
    ok.headers = { ...ok.headers, ...EXPORT_HEADERS };
  }
  return { ...document, paths };
}
