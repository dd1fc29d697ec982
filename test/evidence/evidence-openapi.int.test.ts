/** OpenAPI describes the evidence: the new commands and reads, the evidence and coverage fields, the filter parameters. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { apiClient } from '../api/api-client.ts';

describe('OpenAPI of evidence (issue 15)', () => {
  let app: TestApp;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let doc: any;

  beforeAll(async () => {
    app = await startTestApp();
    doc = (await apiClient(app.url).get('/api/v1/openapi.json')).body;
  });
  afterAll(() => app.close());

  it('describes the source registry and attestations, with their bodies from the validating schemas', () => {
    expect(Object.keys(doc.paths['/api/v1/sources'].post.responses)).toEqual(expect.arrayContaining(['200', '201', '409']));
    expect(doc.paths['/api/v1/sources'].post.requestBody.content['application/json'].schema.required).toEqual(['sourceId', 'orgId', 'title', 'kind']);
    expect(doc.paths['/api/v1/orgs/{org}/sources'].get).toBeDefined();
    expect(doc.paths['/api/v1/sources/{sourceId}'].get.responses['200']).toBeDefined();
    const attest = doc.paths['/api/v1/orgs/{org}/attestations'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(attest.properties)).toEqual(['sourceId', 'on', 'period', 'units', 'competencies', 'heads']);
    const reorganize = doc.paths['/api/v1/orgs/{org}/reorganizations'].post.requestBody.content['application/json'].schema;
    expect(reorganize.properties.basis.enum).toEqual(['enacted', 'attested', 'announced', 'inferred']);
  });

  it('describes evidence on every fact, coverage on chart and PDO, and the filters', () => {
    const schemas = doc.components.schemas;
    expect(schemas.Evidence.properties.status.enum).toEqual(['enacted', 'attested', 'carried-forward', 'announced', 'inferred']);
    expect(schemas.Unit.properties.evidence).toEqual({ $ref: '#/components/schemas/Evidence' });
    expect(schemas.Objective.properties.yearsEvidence).toBeDefined();
    expect(schemas.Indicator.properties.evidence).toEqual({ $ref: '#/components/schemas/Evidence' });
    for (const path of ['/api/v1/orgs/{org}/org-chart', '/api/v1/orgs/{org}/pdo', '/api/v1/orgs/{org}/competencies']) {
      const names = doc.paths[path].get.parameters.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(['evidence', 'attestedWithinDays']));
    }
    const pdo = doc.paths['/api/v1/orgs/{org}/pdo'].get.responses['200'].content['application/json'].schema;
    expect(JSON.stringify(pdo)).toContain('#/components/schemas/Coverage');
  });
});
