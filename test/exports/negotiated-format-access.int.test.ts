/**
 * Issue 14 point 3: the answer format is decided once, by content negotiation, and the access
 * policy authorises that decision — never a literal `text/csv` in a header. Given Accept headers
 * that select CSV without naming it (`text/*`, `application/json;q=0, *\/*`), when a history or
 * the org chart is read, then the answer is the CSV the policy decided on; and under a policy in
 * which CSV needed an auditor, exactly those requests are refused.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessPolicy } from '../../src/http/auth/access-policy.ts';
import { decideAnswerFormat } from '../../src/http/export/answer-format.ts';
import { accepted, apiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

/** Accept headers and the format negotiation must choose for them. */
const NEGOTIATIONS: [accept: string, format: 'csv' | 'json' | 'xlsx'][] = [
  ['text/*', 'csv'],
  ['application/json;q=0, */*', 'csv'],
  ['text/plain, text/*;q=0.5', 'csv'],
  ['TEXT/CSV', 'csv'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['*/*', 'json'],
  ['application/json, text/csv;q=0.9', 'json'],
  ['image/png', 'json'],
];

const ROUTES = ['/api/v1/orgs/prova/units/archivio/history', '/api/v1/orgs/prova/org-chart?at=2024-06-01'];

describe('the negotiated answer format is the one authorised and the one answered', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    const admin = apiClient(app.url, { token: app.adminToken });
    await accepted(admin.post('/api/v1/orgs', { orgId: 'prova', name: 'Ente di prova' }));
    await accepted(
      admin.post('/api/v1/orgs/prova/reorganizations', {
        act: { id: 'DG-1' },
        effectiveFrom: '2024-01-01',
        changes: [{ op: 'establish', unitId: 'archivio', name: 'Unità Archivio', kind: 'unita' }],
      }),
    );
  });
  afterAll(() => app?.close());

  for (const route of ROUTES) {
    for (const [accept, format] of NEGOTIATIONS) {
      it(`${route} with Accept: ${accept} is answered as ${format}, without a token`, async () => {
        const response = await fetch(`${app.url}${route}`, { headers: { accept } });
        expect(response.status).toBe(200);
        const type = response.headers.get('content-type') ?? '';
        if (format === 'csv') {
          expect(type).toMatch(/^text\/csv/);
          const rows = parse(await response.text(), { bom: true, columns: true }) as Record<string, string>[];
          expect(rows.length).toBeGreaterThan(0);
        } else if (format === 'xlsx') {
          expect(type).toMatch(/spreadsheetml/);
        } else {
          expect(type).toMatch(/^application\/json/);
        }
      });
    }
  }

  it('provenance stays with auditors whatever the negotiated format', async () => {
    for (const accept of ['text/*', 'application/json;q=0, */*', 'application/json']) {
      const response = await fetch(`${app.url}${ROUTES[0]}?provenance=true`, { headers: { accept } });
      expect(response.status).toBe(401);
    }
  });
});

describe('under a policy in which CSV needed an auditor', () => {
  let server: ReturnType<express.Express['listen']>;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.use(accessPolicy({ publicReads: true, formatAccess: { json: 'read', csv: 'audit', xlsx: 'read', pdf: 'read' } }));
    app.get('/api/v1/orgs/:org/units/:unitId/history', (req, res) => {
      res.json({ answeredAs: decideAnswerFormat(req).format });
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${ROUTES[0]}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  for (const [accept, format] of NEGOTIATIONS) {
    it(`Accept: ${accept} is ${format === 'csv' ? 'refused' : 'let through'} (negotiated ${format})`, async () => {
      const response = await fetch(url, { headers: { accept } });
      if (format === 'csv') {
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      } else {
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ answeredAs: format });
      }
    });
  }

  it('format=csv is refused and format=json let through, whatever Accept says', async () => {
    expect((await fetch(`${url}?format=csv`, { headers: { accept: 'application/json' } })).status).toBe(401);
    expect((await fetch(`${url}?format=json`, { headers: { accept: 'text/csv' } })).status).toBe(200);
  });
});
