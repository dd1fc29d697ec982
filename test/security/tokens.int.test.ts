/**
 * Token lifecycle: given the bootstrap admin, when it issues, lists and revokes tokens, then
 * the secret is shown once (201), never listed, never stored (only its hash is in the log),
 * never logged; a revoked token is refused by the very next request, also by a second
 * instance sharing the store; and commands are recorded by the token's name.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { parseConfig } from '../../src/config.ts';
import { createOrgtrail, type Orgtrail } from '../../src/create-orgtrail.ts';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../support/start-test-app.ts';

let app: TestApp;
let admin: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  admin = apiClient(app.url, { token: app.adminToken });
});
afterAll(async () => app?.close());

/** Everything written to stdout/stderr while a test runs (the app's logs included). */
let output: string[] = [];
const writes = { out: process.stdout.write, err: process.stderr.write };
beforeEach(() => {
  output = [];
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (output.push(String(chunk)), (writes.out as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest))) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => (output.push(String(chunk)), (writes.err as (...a: unknown[]) => boolean).call(process.stderr, chunk, ...rest))) as typeof process.stderr.write;
});
afterEach(() => {
  process.stdout.write = writes.out;
  process.stderr.write = writes.err;
});

async function rawLog(): Promise<string> {
  return JSON.stringify(await app.store.readAll());
}

describe('tokens', () => {
  it('issues a token once (201), with a recognisable prefix and 32 random bytes', async () => {
    const r = await admin.post('/api/v1/tokens', { name: 'Ufficio Statistica', role: 'editor' });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ token: expect.stringMatching(/^otk_[A-Za-z0-9_-]{43}$/), tokenId: expect.stringMatching(/^tk_/), name: 'Ufficio Statistica', role: 'editor' });
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('never shows a secret or its hash in the list, the log or the output', async () => {
    const { token, tokenId } = (await accepted(admin.post('/api/v1/tokens', { name: 'Revisore dei conti', role: 'auditor' }))).body;
    const hash = createHash('sha256').update(token).digest('hex');
    const list = await admin.get('/api/v1/tokens');
    expect(list.status).toBe(200);
    expect(list.body.tokens).toContainEqual({ tokenId, name: 'Revisore dei conti', role: 'auditor', issuedAt: expect.any(String), issuedBy: 'admin (bootstrap)', revokedAt: null, revokedBy: null });
    const listed = JSON.stringify(list.body);
    expect(listed).not.toContain(token);
    expect(listed).not.toContain(hash);
    expect(listed).not.toContain(token.slice(4, 20));

    // The log holds the hash (that is how other instances know the token), never the secret.
    const log = await rawLog();
    expect(log).toContain(hash);
    expect(log).not.toContain(token.slice(4));
    expect(log).not.toContain(TEST_ADMIN_TOKEN);

    // Using it, failing with it, and a 500-free error path: nothing of it is printed.
    await apiClient(app.url, { token }).get('/api/v1/orgs?provenance=true&bogus=1');
    await apiClient(app.url, { token: `${token}x` }).get('/api/v1/orgs');
    expect(output.join('')).not.toContain(token.slice(4));
    expect(output.join('')).not.toContain(TEST_ADMIN_TOKEN);
  });

  it('records commands by the token\'s name, never a body\'s recordedBy (which is refused as unknown)', async () => {
    const { token } = (await accepted(admin.post('/api/v1/tokens', { name: 'Maria Rossi', role: 'editor' }))).body;
    const editor = apiClient(app.url, { token });
    const forged = await editor.post('/api/v1/orgs', { orgId: 'bergamo', name: 'Comune di Bergamo', recordedBy: 'mallory' });
    expect(forged.status).toBe(400);
    expect(forged.body.problems).toEqual([{ field: 'recordedBy', message: 'unknown field' }]);
    await accepted(editor.post('/api/v1/orgs', { orgId: 'bergamo', name: 'Comune di Bergamo' }));
    const [registered] = await app.store.readStream('org-bergamo');
    expect(registered?.metadata).toMatchObject({ recordedBy: 'Maria Rossi' });
  });

  it('refuses a revoked token from the next request on (DELETE and POST …/revoke)', async () => {
    for (const revoke of [(id: string) => admin.send('DELETE', `/api/v1/tokens/${id}`), (id: string) => admin.post(`/api/v1/tokens/${id}/revoke`, undefined)]) {
      const { token, tokenId } = (await accepted(admin.post('/api/v1/tokens', { name: `Temporaneo ${Math.random()}`, role: 'reader' }))).body;
      const reader = apiClient(app.url, { token });
      expect((await reader.get('/api/v1/orgs')).status).toBe(200);
      const revoked = await revoke(tokenId);
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ tokenId, revokedAt: expect.any(String), revokedBy: 'admin (bootstrap)' });
      const refused = await reader.get('/api/v1/orgs');
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
    }
  });

  it('answers 404 for an unknown token id, 400 for a malformed one, and 409 for a name in use', async () => {
    expect((await admin.send('DELETE', '/api/v1/tokens/tk_AAAAAAAAAAAAAAAA')).status).toBe(404);
    const malformed = await admin.send('DELETE', '/api/v1/tokens/nope');
    expect(malformed.status).toBe(400);
    expect(malformed.body.problems[0].field).toBe('tokenId');
    await accepted(admin.post('/api/v1/tokens', { name: 'Giunta', role: 'reader' }));
    expect((await admin.post('/api/v1/tokens', { name: 'giunta', role: 'editor' })).status).toBe(409);
    expect((await admin.post('/api/v1/tokens', { name: 'admin (bootstrap)', role: 'admin' })).status).toBe(409);
  });

  it('validates the issue request, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'x', role: 'superuser' }, 'role'],
      [{ name: '', role: 'reader' }, 'name'],
      [{ name: 'x'.repeat(101), role: 'reader' }, 'name'],
      [{ name: 'bell\u0007', role: 'reader' }, 'name'],
      [{ name: 'x', role: 'reader', token: 'otk_chosen' }, 'token'],
    ];
    for (const [body, field] of cases) {
      const r = await admin.post('/api/v1/tokens', body);
      expect(r.status).toBe(400);
      expect(r.body.problems.map((p: { field: string }) => p.field)).toContain(field);
    }
  });
});

describe('two instances sharing one store', () => {
  let second: Orgtrail;
  let secondUrl: string;
  let server: ReturnType<Orgtrail['app']['listen']>;

  beforeAll(async () => {
    // The same store, except that closing the second instance leaves it open for the first.
    const shared = new Proxy(app.store, {
      get: (target, key) => (key === 'close' ? async () => {} : typeof Reflect.get(target, key) === 'function' ? Reflect.get(target, key).bind(target) : Reflect.get(target, key)),
    });
    second = await createOrgtrail(parseConfig({ ORGTRAIL_SEED: 'none', ORGTRAIL_ADMIN_TOKEN: TEST_ADMIN_TOKEN }), { store: shared });
    server = await new Promise((resolve) => {
      const s = second.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    secondUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await second.close();
  });

  it('a token issued on one is accepted by the other, and refused by it as soon as it is revoked on the first', async () => {
    const { token, tokenId } = (await accepted(admin.post('/api/v1/tokens', { name: 'Cruscotto', role: 'editor' }))).body;
    const onSecond = apiClient(secondUrl, { token });
    expect((await onSecond.post('/api/v1/orgs', { orgId: 'como', name: 'Comune di Como' })).status).toBe(201);
    await accepted(admin.send('DELETE', `/api/v1/tokens/${tokenId}`), 200);
    const refused = await onSecond.post('/api/v1/orgs', { orgId: 'lecco', name: 'Comune di Lecco' });
    expect(refused.status).toBe(401);
    expect(await app.store.streamRevision('org-lecco')).toBeNull();
  });
});
