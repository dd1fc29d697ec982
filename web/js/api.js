// Reads of the orgtrail API (same origin, /api/v1). Answers are cached per URL until a live
// change arrives (invalidate), so switching views does not refetch what cannot have changed.
const BASE = '/api/v1';
const cache = new Map();

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const qs = query.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

export function getJson(path, params) {
  const url = apiUrl(path, params);
  if (!cache.has(url)) {
    const pending = fetch(url, { headers: { accept: 'application/json' } }).then(async (response) => {
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new ApiError(response.status, body?.detail ?? `HTTP ${response.status}`);
      return body;
    });
    pending.catch(() => cache.delete(url));
    cache.set(url, pending);
  }
  return cache.get(url);
}

/** Like getJson, but a 404 is an answer (null), not an error. */
export async function getJsonOrNull(path, params) {
  try {
    return await getJson(path, params);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function invalidate() {
  cache.clear();
}

export const orgPath = (org) => `/orgs/${encodeURIComponent(org)}`;
