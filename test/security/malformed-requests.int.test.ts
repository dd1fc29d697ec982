/**
 * A battery of malformed requests at every route of the OpenAPI document: given a store with
 * an org, a unit, an objective and an indicator, when each route receives each malformed
 * request (as the admin, so that only the input is at fault), then the answer is a 4xx
 * application/problem+json naming a field, with no stack trace, and the store's head has not
 * moved. Routes without a query string (health, openapi.json) may ignore query-only faults,
 * but never answer 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

let app: TestApp;

const PARAM_VALUES: Record<string, string> = { org: 'milano', unitId: 'dg', objectiveId: 'ob1', indicatorId: 'ind1', tokenId: 'tk_AAAAAAAAAAAAAAAA' };

interface Operation {
  method: string;
  path: string;
  hasQuery: boolean;
}

interface Malformed {
  name: string;
  /** Only for methods that carry a body. */
  body?: { contentType?: string; bytes: string | Blob };
  /** Appended to the path (query string). */
  query?: string;
  /** Replaces the first path parameter's value (or is appended as a segment). */
  pathValue?: string;
  /** Faults a route without query parameters may ignore. */
  queryOnly?: boolean;
}

const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const invalidUtf8Json = new Blob(['{"name":"', new Uint8Array([0xc3, 0x28, 0xff]), '"}']);

const BATTERY: Malformed[] = [
  { name: 'a very long query string', query: `?at=${'2'.repeat(3000)}`, queryOnly: false },
  { name: 'an unknown query parameter', query: '?colour=red', queryOnly: true },
  { name: 'a repeated query parameter', query: '?at=2024-01-01&at=2024-02-01', queryOnly: true },
  { name: 'invalid UTF-8 in the query', query: '?at=%FF%FE', queryOnly: true },
  { name: 'bad percent-encoding in the path', pathValue: '%E0%A4%A' },
  { name: 'a path segment of 3000 characters', pathValue: 'x'.repeat(3000) },
  { name: 'a text/plain body', body: { contentType: 'text/plain', bytes: 'hello' } },
  { name: 'a form body', body: { contentType: 'application/x-www-form-urlencoded', bytes: 'a=1&b=2' } },
  { name: 'an unsupported charset', body: { contentType: 'application/json; charset=utf-16', bytes: '{}' } },
  { name: 'malformed JSON', body: { bytes: '{"act": {' } },
  { name: 'JSON that is not an object', body: { bytes: '[1, 2, 3]' } },
  { name: 'JSON null', body: { bytes: 'null' } },
  { name: 'a body over 256kb', body: { bytes: JSON.stringify({ name: 'x'.repeat(300_000) }) } },
  { name: 'JSON nested 40 levels', body: { bytes: deep(40) } },
  { name: 'JSON nested 10000 levels', body: { bytes: '['.repeat(10_000) + ']'.repeat(10_000) } },
  { name: 'invalid UTF-8 in the body', body: { bytes: invalidUtf8Json } },
  { name: 'a __proto__ key', body: { bytes: '{"__proto__": {"isAdmin": true}, "name": "x"}' } },
  { name: 'a constructor key', body: { bytes: '{"constructor": {"prototype": {"isAdmin": true}}}' } },
  { name: 'a nested __proto__ key', body: { bytes: '{"act": {"id": "A1", "__proto__": {"x": 1}}, "effectiveFrom": "2024-01-01", "changes": []}' } },
  { name: 'a number too large for a double', body: { bytes: '{"value": 1e400}' } },
];

function operations(doc: { paths: Record<string, Record<string, { parameters?: { in: string }[] }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, hasQuery: (op.parameters ?? []).some((p) => p.in === 'query') })),
  );
}

function concretePath(path: string, pathValue?: string): string {
  let replaced = false;
  const concrete = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (pathValue !== undefined && !replaced) {
      replaced = true;
      return pathValue;
    }
    return PARAM_VALUES[name] ?? 'x1';
  });
  return pathValue !== undefined && !replaced ? `${concrete}/${pathValue}` : concrete;
}

let ops: Operation[] = [];

beforeAll(async () => {
  app = await startTestApp({ env: { ORGTRAIL_RATE_LIMIT: '0' } });
  const admin = apiClient(app.url, { token: app.adminToken });
  await accepted(admin.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
  await accepted(admin.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'A1' }, effectiveFrom: '2024-01-01', changes: [{ op: 'establish', unitId: 'dg', name: 'DG', kind: 'direzione' }] }));
  await accepted(admin.post('/api/v1/orgs/milano/objectives', { objectiveId: 'ob1', unitId: 'dg', title: 'Obiettivo', effectiveFrom: '2024-01-01', indicators: [{ indicatorId: 'ind1', description: 'd', target: 1 }] }));
  ops = operations((await admin.get('/api/v1/openapi.json')).body);
});
afterAll(async () => app?.close());

describe('malformed requests at every documented route', () => {
  it('finds the routes in the OpenAPI document (commands and reads)', () => {
    expect(ops.filter((op) => op.method === 'GET').length).toBeGreaterThanOrEqual(8);
    expect(ops.filter((op) => op.method !== 'GET').length).toBeGreaterThanOrEqual(5);
  });

  for (const malformed of BATTERY) {
    it(`${malformed.name}: 4xx problem+json naming a field, nothing appended`, async () => {
      const failures: string[] = [];
      for (const op of ops) {
        const carriesBody = op.method !== 'GET' && op.method !== 'HEAD';
        if (malformed.body && !carriesBody) continue;
        const url = `${app.url}${concretePath(op.path, malformed.pathValue)}${malformed.query ?? ''}`;
        const headers: Record<string, string> = { authorization: `Bearer ${app.adminToken}` };
        if (malformed.body) headers['content-type'] = malformed.body.contentType ?? 'application/json';
        const head = await app.store.headPosition();
        const response = await fetch(url, { method: op.method, headers, body: malformed.body?.bytes });
        const text = await response.text();
        const where = `${op.method} ${op.path}`;
        if ((await app.store.headPosition()) !== head) failures.push(`${where}: appended`);
        if (response.status >= 500) failures.push(`${where}: ${response.status}`);
        if (/\bat .+\.(ts|js):\d+/.test(text)) failures.push(`${where}: stack trace in the answer`);
        if (malformed.queryOnly && !op.hasQuery && response.status < 400) continue;
        if (response.status < 400 || response.status >= 500) {
          failures.push(`${where}: ${response.status} ${text.slice(0, 200)}`);
          continue;
        }
        if (!(response.headers.get('content-type') ?? '').startsWith('application/problem+json')) {
          failures.push(`${where}: ${response.status} as ${response.headers.get('content-type')}`);
          continue;
        }
        const problem = JSON.parse(text) as { status: number; problems: { field: string }[] };
        if (problem.status !== response.status) failures.push(`${where}: problem status ${problem.status}`);
        if (response.status !== 404 && response.status !== 409 && problem.problems.length === 0) failures.push(`${where}: ${response.status} names no field`);
      }
      expect(failures).toEqual([]);
    });
  }

  it('the prototype of plain objects is untouched afterwards', () => {
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
