/**
 * Reads' validators, answer cache, compression and `fields=` (issue 20, target 2): given a small
 * org, a read's ETag is keyed by its basis (same basis → 304; a recording, backdated too, moves a
 * now-read to a new ETag and a new answer; a fixed asKnownAt keeps its ETag), answers are
 * compressed when asked, `fields=` leaves fields out and names a bad one, and the cache never
 * lets a request skip the access policy.
 */
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from '../support/start-test-app.ts';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';

/** node:http, so that the raw (compressed) bytes and headers are seen as sent. */
function raw(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function seedOrg(api: ApiClient): Promise<void> {
  await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
  await accepted(
    api.post('/api/v1/orgs/milano/reorganizations', {
      act: { id: 'DG-2018-1' },
      effectiveFrom: '2019-01-01',
      changes: [
        { op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' },
        ...Array.from({ length: 30 }, (_, i) => ({ op: 'establish', unitId: `s${i}`, name: `Settore numero ${i} della Direzione Generale`, kind: 'settore', parentId: 'dg' })),
        ...Array.from({ length: 30 }, (_, i) => ({ op: 'assign-competency', unitId: `s${i}`, competencyId: `c${i}`, text: `Competenza ${i}: gestione dei servizi del settore ${i}` })),
      ],
    }),
  );
}

describe('read validators and the answer cache', () => {
  const time = manualClock('2024-05-02T08:00:00.000Z');
  let app: TestApp;
  let api: ApiClient;
  const chart = '/api/v1/orgs/milano/org-chart?at=2020-06-01';
  let lastRevision = -1;

  beforeAll(async () => {
    app = await startTestApp({ clock: time.clock });
    api = apiClient(app.url, { token: app.adminToken });
    await seedOrg(api);
  });
  afterAll(() => app.close());

  it('answers 304 to If-None-Match with the ETag of the same basis, and the same answer again without it', async () => {
    const first = await api.get(chart);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toContain('no-cache');
    const again = await api.get(chart, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('x-orgtrail-basis')).toBe(first.headers.get('x-orgtrail-basis'));
    time.set('2024-05-02T09:00:00.000Z');
    const later = await api.get(chart);
    // Nothing recorded since: the same answer (served from the cache), with its own asKnownAt.
    expect(later.body).toEqual({ ...first.body, asKnownAt: '2024-05-02T09:00:00.000Z' });
    expect(later.headers.get('etag')).toBe(etag);
  });

  it('gives a now-read a new ETag and the new answer after a backdated recording; a fixed asKnownAt keeps its ETag and answer', async () => {
    const fixed = `${chart}&asKnownAt=2024-05-02T08:30:00.000Z`;
    const fixedBefore = await api.get(fixed);
    const before = await api.get(chart);
    time.set('2024-05-03T08:00:00.000Z');
    lastRevision = (await accepted(api.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'DG-2024-9' }, effectiveFrom: '2020-01-01', changes: [{ op: 'rename', unitId: 's3', name: 'Settore Tre' }] }))).body.revision;
    const after = await api.get(chart, { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(after.body.position).toBeGreaterThan(before.body.position);
    expect(after.body.units.find((u: { unitId: string }) => u.unitId === 's3').name).toBe('Settore Tre');
    const fixedAfter = await api.get(fixed, { 'if-none-match': fixedBefore.headers.get('etag')! });
    expect(fixedAfter.status).toBe(304);
    const fixedBody = await api.get(fixed);
    expect(fixedBody.body).toEqual(fixedBefore.body);
    expect(fixedBody.body.units.find((u: { unitId: string }) => u.unitId === 's3').name).toBe('Settore numero 3 della Direzione Generale');
  });

  it('keeps the org stream revision in the ETag at the head, usable as If-Match of a reorganisation', async () => {
    const r = await api.get(chart);
    const etag = r.headers.get('etag')!;
    expect(etag.startsWith(`W/"${lastRevision}.`)).toBe(true);
    await accepted(api.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'DG-2024-10' }, effectiveFrom: '2024-01-01', changes: [{ op: 'rename', unitId: 's4', name: 'Settore Quattro' }] }, { 'If-Match': etag }));
    const stale = await api.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'DG-2024-11' }, effectiveFrom: '2024-01-01', changes: [{ op: 'rename', unitId: 's5', name: 'Settore Cinque' }] }, { 'If-Match': etag });
    expect(stale.status).toBe(412);
  });

  it('gives the PDO and the other reads a basis ETag too (304 on the same basis)', async () => {
    for (const path of ['/api/v1/orgs/milano/pdo?year=2020&at=2020-06-01', '/api/v1/orgs', '/api/v1/orgs/milano/units/s3/history']) {
      const first = await api.get(path);
      expect(first.status, path).toBe(200);
      const second = await api.get(path, { 'if-none-match': first.headers.get('etag')! });
      expect(second.status, path).toBe(304);
    }
  });

  it('compresses when the client asks (br preferred, then gzip) and not otherwise; the bytes decode to the same answer', async () => {
    const url = `${app.url}${chart}&asKnownAt=2024-05-02T08:30:00.000Z`;
    const plain = await raw(url, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    const answer = JSON.parse(plain.body.toString('utf8'));
    const gz = await raw(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toContain('Accept-Encoding');
    expect(gz.body.byteLength).toBeLessThan(plain.body.byteLength);
    expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(answer);
    const br = await raw(url, { 'accept-encoding': 'br, gzip;q=0.8' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(answer);
    // Asked again: the compressed form kept for this asKnownAt is sent, the same bytes.
    expect((await raw(url, { 'accept-encoding': 'br' })).body.equals(br.body)).toBe(true);
    const identity = await raw(url, { 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
  });

  it('leaves out the fields not named in fields= (identity kept), and names a bad one in a problem', async () => {
    const full = await api.get(chart);
    const lean = await api.get(`${chart}&fields=name,evidence`);
    expect(lean.status).toBe(200);
    expect(lean.body.coverage).toEqual(full.body.coverage);
    expect(lean.body.position).toBe(full.body.position);
    expect(lean.body.units).toEqual(full.body.units.map((u: Record<string, unknown>) => ({ unitId: u.unitId, name: u.name, parentId: u.parentId, evidence: u.evidence })));
    const pdo = await api.get('/api/v1/orgs/milano/pdo?year=2020&fields=title');
    expect(pdo.status).toBe(200);
    for (const bad of [`${chart}&fields=name,colour`, `${chart}&fields=`, '/api/v1/orgs/milano/pdo?fields=competencies']) {
      const r = await api.get(bad);
      expect(r.status, bad).toBe(400);
      expect(r.contentType).toContain('application/problem+json');
      expect(r.body.problems.map((e: { field: string }) => e.field)).toEqual(['fields']);
    }
  });
});

describe('the answer cache and the access policy (private reads)', () => {
  let app: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    app = await startTestApp({ env: { ORGTRAIL_PUBLIC_READS: 'false' } });
    admin = apiClient(app.url, { token: app.adminToken });
    await seedOrg(admin);
  });
  afterAll(() => app.close());

  it('answers an anonymous request 401 even when the answer is cached, and marks answers private, varying by Authorization', async () => {
    const path = '/api/v1/orgs/milano/org-chart?at=2020-06-01&asKnownAt=2030-01-01T00:00:00Z';
    const cached = await admin.get(path);
    expect(cached.status).toBe(200);
    expect(cached.headers.get('cache-control')).toBe('private, no-cache');
    expect(cached.headers.get('vary')).toContain('Authorization');
    const anonymous = apiClient(app.url);
    expect((await anonymous.get(path)).status).toBe(401);
    expect((await anonymous.get(path, { 'if-none-match': cached.headers.get('etag')! })).status).toBe(401);
  });

  it('keeps provenance answers for auditors: a reader gets 403 after an admin\'s provenance read was cached', async () => {
    const path = '/api/v1/orgs/milano/org-chart?at=2020-06-01&provenance=true';
    const withProvenance = await admin.get(path);
    expect(withProvenance.status).toBe(200);
    const token = await accepted(admin.post('/api/v1/tokens', { role: 'reader', name: 'lettore' }));
    const reader = apiClient(app.url, { token: token.body.token });
    expect((await reader.get(path)).status).toBe(403);
    const plain = await reader.get('/api/v1/orgs/milano/org-chart?at=2020-06-01');
    expect(plain.status).toBe(200);
    expect(JSON.stringify(plain.body)).not.toContain('"provenance"');
  });
});
