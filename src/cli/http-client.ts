/**
 * The CLI's client of the HTTP API (a running server, or the in-process one of local mode).
 * A problem+json answer becomes a CliFailure naming the status, the detail and the fields.
 */
import { CliFailure } from './cli-errors.ts';

export type Query = Record<string, string | number | undefined>;

export interface CliResponse {
  headers: Headers;
  text: string;
}

export interface CliApi {
  readonly baseUrl: string;
  getJson<T = any>(path: string, query?: Query): Promise<T>;
  /** The answer as a CSV or JSON export (`format=`), exactly as served. */
  getExport(path: string, query: Query, format: 'csv' | 'json'): Promise<CliResponse>;
}

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createCliApi(baseUrl: string, token: string | undefined): CliApi {
  const root = baseUrl.replace(/\/+$/, '');
  const send = async (path: string, query: Query | undefined): Promise<CliResponse> => {
    const url = `${root}/api/v1${path}${queryString(query)}`;
    let response: Response;
    try {
      response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    } catch (error) {
      throw new CliFailure(`cannot reach ${root}: ${error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)}`);
    }
    const text = await response.text();
    if (!response.ok) throw new CliFailure(problemMessage(response.status, text, token !== undefined));
    return { headers: response.headers, text };
  };
  return {
    baseUrl: root,
    async getJson(path, query) {
      return JSON.parse((await send(path, query)).text);
    },
    getExport(path, query, format) {
      return send(path, { ...query, format });
    },
  };
}

function problemMessage(status: number, body: string, hasToken: boolean): string {
  let detail = body.slice(0, 500);
  let fields = '';
  try {
    const problem = JSON.parse(body) as { detail?: string; problems?: { field: string; message: string }[] };
    detail = problem.detail ?? detail;
    fields = (problem.problems ?? []).map((p) => `\n  ${p.field || '(body)'}: ${p.message}`).join('');
  } catch {
    // not problem+json: keep the start of the body
  }
  const hint = (status === 401 || status === 403) && !hasToken ? '\n  (pass --token or set ORGTRAIL_TOKEN)' : '';
  return `HTTP ${status}: ${detail}${fields}${hint}`;
}
