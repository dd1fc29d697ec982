/**
 * The access policy per route class and role: given one token per role, when each calls a
 * route of each class, then it is let through (2xx, or the route's own 4xx) or refused with
 * 401 (no token: WWW-Authenticate: Bearer) or 403 (wrong role) — and a refused write appends
 * nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.ts';
import { accepted, apiClient, type ApiResponse } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { issueRoleTokens, type RoleTokens } from './role-tokens.ts';

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', 'reader', 'auditor', 'editor', 'admin'];

let app: TestApp;
let tokens: RoleTokens;
let serial = 0;

interface RouteClass {
  name: string;
  request: (token: string | undefined) => Promise<ApiResponse>;
  /** Who is let through; everyone else is refused (401 without a token, 403 with one). */
  allowed: Caller[];
}

const call = (token: string | undefined) => apiClient(app.url, token ? { token } : {});

const classes: RouteClass[] = [
  { name: 'health', request: (t) => call(t).get('/api/v1/health'), allowed: CALLERS },
  { name: 'openapi.json', request: (t) => call(t).get('/api/v1/openapi.json'), allowed: CALLERS },
  { name: 'the web page /', request: (t) => call(t).get('/'), allowed: CALLERS },
  { name: 'a plain read', request: (t) => call(t).get('/api/v1/orgs'), allowed: CALLERS },
  { name: 'a read of the live stream (policy only: HEAD)', request: (t) => call(t).send('HEAD', '/api/v1/orgs/milano/live?view=events'), allowed: CALLERS },
  { name: 'a read with provenance=true', request: (t) => call(t).get('/api/v1/orgs/milano/org-chart?provenance=true'), allowed: ['auditor', 'admin'] },
  { name: 'an export of public data with format=csv', request: (t) => call(t).get('/api/v1/orgs?format=csv'), allowed: CALLERS },
  { name: 'an export of public data with Accept: text/csv', request: (t) => call(t).get('/api/v1/orgs', { accept: 'text/csv' }), allowed: CALLERS },
  { name: 'an export of public data with format=xlsx', request: (t) => call(t).get('/api/v1/orgs?format=xlsx'), allowed: CALLERS },
  { name: 'a CSV export with provenance=true (negotiated by Accept: text/*)', request: (t) => call(t).get('/api/v1/orgs/milano/org-chart?provenance=true', { accept: 'text/*' }), allowed: ['auditor', 'admin'] },
  { name: 'the audit namespace', request: (t) => call(t).get('/api/v1/audit/verify'), allowed: ['auditor', 'admin'] },
  { name: 'the audit namespace in capitals', request: (t) => call(t).get('/API/V1/AUDIT/verify'), allowed: ['auditor', 'admin'] },
  { name: 'a command (POST)', request: (t) => call(t).post('/api/v1/orgs', { orgId: `org-${serial++}`, name: 'Ente' }), allowed: ['editor', 'admin'] },
  { name: 'a command (PATCH)', request: (t) => call(t).patch('/api/v1/orgs/milano/objectives/ob1', { title: 'T', effectiveFrom: '2024-01-01' }), allowed: ['editor', 'admin'] },
  { name: 'token list', request: (t) => call(t).get('/api/v1/tokens'), allowed: ['admin'] },
];

beforeAll(async () => {
  app = await startTestApp();
  tokens = await issueRoleTokens(app);
  await accepted(apiClient(app.url, { token: app.adminToken }).post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
});
afterAll(async () => app?.close());

describe('access policy', () => {
  for (const routeClass of classes) {
    for (const caller of CALLERS) {
      const allowed = routeClass.allowed.includes(caller);
      it(`${routeClass.name}: ${caller} is ${allowed ? 'let through' : 'refused'}`, async () => {
        const head = await app.store.headPosition();
        const r = await routeClass.request(caller === 'anonymous' ? undefined : tokens[caller]);
        if (allowed) {
          expect([401, 403]).not.toContain(r.status);
          expect(r.status).toBeLessThan(500);
          return;
        }
        expect(r.status).toBe(caller === 'anonymous' ? 401 : 403);
        expect(r.contentType).toMatch(/^application\/problem\+json/);
        expect(r.headers.get('www-authenticate')).toMatch(/^Bearer realm="orgtrail"/);
        expect(await app.store.headPosition()).toBe(head);
      });
    }
  }

  it('a command by an editor succeeds with 201', async () => {
    const r = await call(tokens.editor).post('/api/v1/orgs', { orgId: 'roma', name: 'Roma Capitale' });
    expect(r.status).toBe(201);
  });

  it('an unknown, malformed or non-bearer token is a 401 even on a public read, and nothing is appended', async () => {
    const head = await app.store.headPosition();
    for (const authorization of ['Bearer otk_not-a-real-token', 'Bearer', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(600)}`]) {
      for (const r of [await call(undefined).get('/api/v1/orgs', { authorization }), await call(undefined).post('/api/v1/orgs', { orgId: 'napoli', name: 'Napoli' }, { authorization })]) {
        expect(r.status).toBe(401);
        expect(r.headers.get('www-authenticate')).toContain('error="invalid_token"');
      }
    }
    expect(await app.store.headPosition()).toBe(head);
  });

  it('health stays open even with a bad token (probes never fail on auth)', async () => {
    const r = await call('otk_bogus').get('/api/v1/health');
    expect(r.status).toBe(200);
  });
});
