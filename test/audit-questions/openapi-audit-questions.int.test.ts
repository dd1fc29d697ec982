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

  // Responses: 401 wherever a token is read, 403 where a role is needed (provenance=true, audit), 429 everywhere (openapi-operations.ts).
  it.each([
    ['/api/v1/orgs/{org}/org-chart/diff', ['path:org', 'from', 'to', 'asKnownAt', 'asOfPosition', 'at', 'asKnownFrom', 'asKnownTo', 'asOfPositionFrom', 'asOfPositionTo', 'format', 'sep', 'provenance'], ['200', '400', '401', '403', '404', '429']],
    ['/api/v1/orgs/{org}/pdo/diff', ['path:org', 'from', 'to', 'asKnownAt', 'asOfPosition', 'at', 'asKnownFrom', 'asKnownTo', 'asOfPositionFrom', 'asOfPositionTo', 'format', 'sep', 'provenance', 'year'], ['200', '400', '401', '403', '404', '429']],
    ['/api/v1/orgs/{org}/competencies', ['path:org', 'q!', 'at', 'asKnownAt', 'asOfPosition', 'limit', 'evidence', 'attestedWithinDays'], ['200', '400', '401', '404', '429']],
    ['/api/v1/audit/backdated', ['org', 'minDays', 'asKnownAt', 'asOfPosition'], ['200', '400', '401', '403', '404', '429']],
  ])('%s: its query parameters and responses', (path, parameters, responses) => {
    const operation = doc.paths[path]!.get;
    expect(operation.parameters.map((p) => (p.in === 'path' ? `path:${p.name}` : p.required ? `${p.name}!` : p.name))).toEqual(parameters);
    expect(Object.keys(operation.responses).sort()).toEqual(responses);
  });
});
