/** The OpenAPI document describes the auditors' questions with the parameters their routes validate. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

describe('OpenAPI of the audit questions', () => {
  let app: TestApp;
  let doc: { paths: Record<string, { get: { parameters: { name: string; in: string; required: boolean }[]; responses: Record<string, unknown> } }> };

  beforeAll(async () => {
    app = await startTestApp();
    doc = (await apiClient(app.url).get('/api/v1/openapi.json')).body;
  });
  afterAll(() => app.close());

  it.each([
    ['/api/v1/orgs/{org}/org-chart/diff', ['path:org', 'from', 'to', 'asKnownAt', 'asOfPosition', 'at', 'asKnownFrom', 'asKnownTo', 'asOfPositionFrom', 'asOfPositionTo', 'format']],
    ['/api/v1/orgs/{org}/pdo/diff', ['path:org', 'from', 'to', 'asKnownAt', 'asOfPosition', 'at', 'asKnownFrom', 'asKnownTo', 'asOfPositionFrom', 'asOfPositionTo', 'format', 'year']],
    ['/api/v1/orgs/{org}/competencies', ['path:org', 'q!', 'at', 'asKnownAt', 'asOfPosition', 'limit', 'evidence', 'attestedWithinDays']],
    ['/api/v1/audit/backdated', ['org', 'minDays', 'asKnownAt', 'asOfPosition']],
  ])('%s: its query parameters, 200, 400 and 404', (path, parameters) => {
    const operation = doc.paths[path]!.get;
    expect(operation.parameters.map((p) => (p.in === 'path' ? `path:${p.name}` : p.required ? `${p.name}!` : p.name))).toEqual(parameters);
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '404']);
  });
});
