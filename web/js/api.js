// Reads of the orgtrail API (same origin, /api/v1), with the page's request budget:
//   - answers are cached by their basis: a read pinned in system time (asKnownAt given) can
//     never change and is kept; a read of "now" is kept until a live event says the log moved
//     past its position, and is then only marked stale — the open view re-asks its main
//     answer (one request), other views re-ask theirs when opened (allowStale keeps a
//     secondary answer, e.g. unit names, as it was);
//   - a 429 is waited out once (Retry-After) instead of failing the view;
//   - the session's token (token.js) goes on every request;
//   - every request is counted (window.__orgtrailRequests), so that tests can hold a view to
//     its budget.
// Errors become ApiError with the API's stable `code`, shown in Italian through the catalogue.
import { errorLabel, problemFieldLabel } from './catalogue.js';
import { authHeaders, onUnauthorized } from './token.js';

const BASE = '/api/v1';
const MAX_ENTRIES = 200;
const cache = new Map();
/** The last global position a live event reported: "now" answers below it are stale. */
let knownPosition = -1;

export const requestLog = [];
window.__orgtrailRequests = requestLog;

export class ApiError extends Error {
  constructor(status, code, detail, problems = []) {
    super(italianMessage(code, problems));
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.problems = problems;
  }
}

function italianMessage(code, problems) {
  const fields = problems.map((p) => problemFieldLabel(p.field)).filter(Boolean);
  return `${errorLabel(code)}${fields.length ? ` (campo: ${[...new Set(fields)].join(', ')})` : ''}.`;
}

export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const qs = query.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request with the session's token; a 401 asks for a token and retries once. */
export async function apiFetch(url, init = {}, { retried = false } = {}) {
  requestLog.push({ url, method: init.method ?? 'GET', at: Date.now() });
  let response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...authHeaders(), ...init.headers } });
  } catch {
    throw new ApiError(0, 'network', 'network error');
  }
  if (response.status === 429 && !retried) {
    await sleep(Math.min(10, Number(response.headers.get('retry-after')) || 1) * 1000);
    return apiFetch(url, init, { retried: true });
  }
  if (response.status === 401 && !retried && (await onUnauthorized())) return apiFetch(url, init, { retried: true });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new ApiError(response.status, body?.code ?? (response.status >= 500 ? 'internal' : 'bad_request'), body?.detail ?? `HTTP ${response.status}`, body?.problems ?? []);
  }
  return response;
}

/**
 * A cached read. `allowStale`: a "now" answer the log has moved past is still good enough
 * (it is shown with its own basis).
 */
export function getJson(path, params = {}, { allowStale = false } = {}) {
  const url = apiUrl(path, params);
  const entry = cache.get(url);
  const pinned = params.asKnownAt !== undefined && params.asKnownAt !== null && params.asKnownAt !== '';
  if (entry && (pinned || allowStale || entry.position === undefined || entry.position >= knownPosition)) {
    cache.delete(url);
    cache.set(url, entry);
    return entry.promise;
  }
  const promise = apiFetch(url).then((response) => response.json());
  const fresh = { promise, position: undefined };
  promise.then(
    (body) => {
      fresh.position = typeof body?.position === 'number' ? body.position : (typeof body?.positionTo === 'number' ? body.positionTo : undefined);
    },
    () => cache.get(url) === fresh && cache.delete(url),
  );
  cache.set(url, fresh);
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value);
  return promise;
}

/** Like getJson, but a 404 is an answer (null), not an error. */
export async function getJsonOrNull(path, params, options) {
  try {
    return await getJson(path, params, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** A live event at `position`: "now" answers before it become stale (nothing is dropped). */
export function noteLivePosition(position) {
  if (typeof position === 'number' && position > knownPosition) knownPosition = position;
}

/** Changes a cached answer in place (from a live event), so that it needs no request. */
export async function patchCached(path, params, patch) {
  const entry = cache.get(apiUrl(path, params));
  if (!entry) return;
  const body = await entry.promise.catch(() => null);
  if (!body) return;
  patch(body);
  if (typeof entry.position === 'number' && typeof body.position === 'number') entry.position = body.position;
}

export async function postJson(path, body, headers = {}) {
  const response = await apiFetch(apiUrl(path), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return response.json();
}

export const orgPath = (org) => `/orgs/${encodeURIComponent(org)}`;
