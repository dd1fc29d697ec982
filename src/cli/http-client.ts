/**
 * The CLI's client of the HTTP API (a running server, or the in-process one of local mode).
 * A problem+json answer becomes a CliFailure naming the status, the detail and the fields —
 * each field by the CLI flag it came from (`--as-known-at`, not `asKnownAt`) where the request
 * says which. Exports are returned as the bytes served (a CSV keeps its byte order mark).
 */
import { CliFailure } from './cli-errors.ts';
import type { Messages } from './messages.ts';

export type Query = Record<string, string | number | undefined>;

export type ExportFormat = 'csv' | 'json' | 'xlsx';

export interface CliResponse {
  headers: Headers;
  bytes: Uint8Array;
}

/** A request's query and, for each query field, the flag it came from. */
export interface CliRequest {
  query?: Query;
  flags?: Record<string, string>;
}

export interface CliApi {
  readonly baseUrl: string;
  getJson<T = any>(path: string, request?: CliRequest): Promise<T>;
  /** The answer as an export (`format=`, and `sep=` for CSV), exactly as served. */
  getExport(path: string, request: CliRequest, format: ExportFormat, sep?: 'comma' | 'semicolon'): Promise<CliResponse>;
  /** POSTs a file as the body (an import), with its options in the query; the JSON answer. */
  postFile<T = any>(path: string, request: CliRequest, bytes: Uint8Array, contentType: string): Promise<T>;
  /** POSTs files as multipart/form-data (an import of several files); the JSON answer. */
  postForm<T = any>(path: string, request: CliRequest, form: FormData): Promise<T>;
}

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createCliApi(baseUrl: string, token: string | undefined, m: Messages): CliApi {
  const root = baseUrl.replace(/\/+$/, '');
  const send = async (path: string, { query, flags = {} }: CliRequest, file?: { bytes: Uint8Array; contentType: string } | { form: FormData }): Promise<CliResponse> => {
    const url = `${root}/api/v1${path}${queryString(query)}`;
    let response: Response;
    try {
      const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      response = await fetch(
        url,
        file === undefined
          ? { headers: auth }
          : 'form' in file
            ? { method: 'POST', headers: auth, body: file.form }
            : { method: 'POST', headers: { ...auth, 'content-type': file.contentType }, body: Buffer.from(file.bytes) },
      );
    } catch (error) {
      throw new CliFailure(m.unreachable(root, error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)));
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!response.ok) throw new CliFailure(problemMessage(response.status, new TextDecoder().decode(bytes), flags, token === undefined ? m.passToken : undefined));
    return { headers: response.headers, bytes };
  };
  return {
    baseUrl: root,
    async getJson(path, request = {}) {
      return JSON.parse(new TextDecoder().decode((await send(path, request)).bytes));
    },
    async postFile(path, request, bytes, contentType) {
      return JSON.parse(new TextDecoder().decode((await send(path, request, { bytes, contentType })).bytes));
    },
    async postForm(path, request, form) {
      return JSON.parse(new TextDecoder().decode((await send(path, request, { form })).bytes));
    },
    getExport(path, { query, flags }, format, sep) {
      return send(path, { query: { ...query, format, sep }, flags: { ...flags, format: '--format', sep: '--sep' } });
    },
  };
}

function problemMessage(status: number, body: string, flags: Record<string, string>, tokenHint: string | undefined): string {
  let detail = body.slice(0, 500);
  let fields = '';
  try {
    const problem = JSON.parse(body) as { detail?: string; problems?: { field: string; message: string }[] };
    detail = problem.detail ?? detail;
    fields = (problem.problems ?? []).map((p) => `\n  ${flags[p.field] ?? (p.field || '(body)')}: ${p.message}`).join('');
  } catch {
    // not problem+json: keep the start of the body
  }
  const hint = (status === 401 || status === 403) && tokenHint ? `\n  ${tokenHint}` : '';
  return `HTTP ${status}: ${detail}${fields}${hint}`;
}
