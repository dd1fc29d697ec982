/** A tiny fetch wrapper for the API tests: status, headers and parsed JSON body. */
export interface ApiResponse {
  status: number;
  contentType: string;
  headers: Headers;
  body: any;
}

/** `token`: sent as `Authorization: Bearer` on every request unless a request sets its own header. */
export function apiClient(baseUrl: string, defaults: { token?: string } = {}) {
  async function send(method: string, path: string, options: { json?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...(defaults.token ? { authorization: `Bearer ${defaults.token}` } : {}), ...options.headers };
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] ??= 'application/json';
    } else if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    return { status: response.status, contentType, headers: response.headers, body: text && contentType.includes('json') ? JSON.parse(text) : text };
  }
  return {
    send,
    get: (path: string, headers?: Record<string, string>) => send('GET', path, { headers }),
    post: (path: string, json: unknown, headers?: Record<string, string>) => send('POST', path, { json, headers }),
    patch: (path: string, json: unknown, headers?: Record<string, string>) => send('PATCH', path, { json, headers }),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** Asserts a command was accepted, returning its body (throws with the problem otherwise). */
export async function accepted(response: Promise<ApiResponse>, status = 201): Promise<ApiResponse> {
  const r = await response;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}
