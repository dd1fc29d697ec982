/**
 * Response headers: Helmet's security headers and a CSP admitting only this origin on every
 * answer; CORS headers only for configured origins (ORGTRAIL_CORS_ORIGINS), never `*`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { apiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('security headers', () => {
  it('are on API answers, problems and the page', async () => {
    app = await startTestApp();
    const api = apiClient(app.url);
    for (const r of [await api.get('/api/v1/orgs'), await api.get('/api/v1/nothing-here'), await api.get('/')]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(r.headers.get('x-powered-by')).toBeNull();
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
    }
  });
});

describe('CORS', () => {
  it('is off by default: no Access-Control headers, preflights refused', async () => {
    app = await startTestApp();
    const api = apiClient(app.url);
    const r = await api.get('/api/v1/orgs', { origin: 'https://evil.example' });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await api.send('OPTIONS', '/api/v1/orgs', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the configured origins', async () => {
    app = await startTestApp({ env: { ORGTRAIL_CORS_ORIGINS: 'https://cruscotto.example, http://localhost:5173' } });
    const api = apiClient(app.url);
    const allowed = await api.get('/api/v1/orgs', { origin: 'https://cruscotto.example' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://cruscotto.example');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(allowed.headers.get('vary')).toContain('Origin');
    const preflight = await api.send('OPTIONS', '/api/v1/orgs', { headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const command = await api.send('OPTIONS', '/api/v1/orgs/milano/reorganizations', { headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key, if-match' } });
    const allowedHeaders = (command.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
    expect(allowedHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'if-match']));
    const denied = await api.get('/api/v1/orgs', { origin: 'https://evil.example' });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect((await api.send('OPTIONS', '/api/v1/orgs', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } })).status).toBe(403);
  });
});
