/**
 * Settings: ORGTRAIL_PUBLIC_READS=false makes every read need a token (reader or above), the
 * page and health stay open; ORGTRAIL_RATE_LIMIT bounds requests a minute per token and per
 * address, answering 429 with Retry-After, and a live SSE stream counts as one request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { apiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { issueRoleTokens } from './role-tokens.ts';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('ORGTRAIL_PUBLIC_READS=false', () => {
  it('refuses anonymous reads (401) and admits every role, while health, openapi and the page stay open', async () => {
    app = await startTestApp({ env: { ORGTRAIL_PUBLIC_READS: 'false' } });
    const tokens = await issueRoleTokens(app);
    const anonymous = apiClient(app.url);
    const refused = await anonymous.get('/api/v1/orgs');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="orgtrail"');
    expect((await anonymous.get('/api/v1/orgs/milano/live?view=events')).status).toBe(401);
    for (const token of Object.values(tokens)) expect((await apiClient(app.url, { token }).get('/api/v1/orgs')).status).toBe(200);
    expect((await anonymous.get('/api/v1/health')).status).toBe(200);
    expect((await anonymous.get('/api/v1/openapi.json')).status).toBe(200);
    expect((await anonymous.get('/')).status).toBeLessThan(400);
  });

  it('is public by default', async () => {
    app = await startTestApp();
    expect((await apiClient(app.url).get('/api/v1/orgs')).status).toBe(200);
  });
});

describe('ORGTRAIL_RATE_LIMIT', () => {
  it('answers 429 with Retry-After past the limit, per address for anonymous clients and per token otherwise', async () => {
    app = await startTestApp({ env: { ORGTRAIL_RATE_LIMIT: '3' } });
    const anonymous = apiClient(app.url);
    for (let i = 0; i < 3; i++) expect((await anonymous.get('/api/v1/orgs')).status).toBe(200);
    const limited = await anonymous.get('/api/v1/orgs');
    expect(limited.status).toBe(429);
    expect(limited.contentType).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The token has its own bucket: the same address with a token is not limited yet.
    expect((await apiClient(app.url, { token: app.adminToken }).get('/api/v1/orgs')).status).toBe(200);
  });

  it('counts a live SSE stream once, however many messages it carries', async () => {
    app = await startTestApp({ env: { ORGTRAIL_RATE_LIMIT: '2' } });
    const admin = apiClient(app.url, { token: app.adminToken });
    await admin.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' });
    const controller = new AbortController();
    const live = await fetch(`${app.url}/api/v1/orgs/milano/live?view=events`, { signal: controller.signal });
    expect(live.status).toBe(200);
    const reader = live.body!.getReader();
    await admin.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'A1' }, effectiveFrom: '2024-01-01', changes: [{ op: 'establish', unitId: 'dg', name: 'DG', kind: 'direzione' }] });
    let received = '';
    while (!received.includes('event: change')) received += new TextDecoder().decode((await reader.read()).value);
    // This address has spent one request (the stream) of two: one more passes, the next is limited.
    const anonymous = apiClient(app.url);
    expect((await anonymous.get('/api/v1/health')).status).toBe(200);
    expect((await anonymous.get('/api/v1/health')).status).toBe(429);
    controller.abort();
    await reader.cancel().catch(() => {});
  });

  it('believes X-Forwarded-For for the client address only from trusted proxies (ORGTRAIL_TRUST_PROXY)', async () => {
    const fromTwoClients = async () => [
      (await apiClient(app!.url).get('/api/v1/orgs', { 'x-forwarded-for': '203.0.113.1' })).status,
      (await apiClient(app!.url).get('/api/v1/orgs', { 'x-forwarded-for': '203.0.113.2' })).status,
    ];
    app = await startTestApp({ env: { ORGTRAIL_RATE_LIMIT: '1' } });
    expect(await fromTwoClients()).toEqual([200, 429]);
    await app.close();
    app = await startTestApp({ env: { ORGTRAIL_RATE_LIMIT: '1', ORGTRAIL_TRUST_PROXY: 'loopback' } });
    expect(await fromTwoClients()).toEqual([200, 200]);
  });

  it('0 disables the limit', async () => {
    app = await startTestApp({ env: { ORGTRAIL_RATE_LIMIT: '0' } });
    const anonymous = apiClient(app.url);
    for (let i = 0; i < 30; i++) expect((await anonymous.get('/api/v1/health')).status).toBe(200);
  });
});
