/** Scenario 6: health names the store; openapi.json describes every route; a bug is a bare 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadModels } from '../../projections/read-models.ts';
import { MAX_CHANGES_CEILING } from '../../src/commands/structure-limits.ts';
import { createTokenService } from '../../src/auth/token-service.ts';
import type { CommandService } from '../../src/commands/command-types.ts';
import { parseConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { Projector } from '../../src/read/projector.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../support/start-test-app.ts';
import { apiClient, type ApiClient } from './api-client.ts';

describe('health and OpenAPI (scenario 6)', () => {
  let app: TestApp;
  let api: ApiClient;
  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
  });
  afterAll(() => app.close());

  it('says the embedded store serves, at which position', async () => {
    const empty = await api.get('/api/v1/health');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ status: 'ok', store: 'embedded', position: -1 });
    await api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' });
    expect((await api.get('/api/v1/health')).body).toEqual({ status: 'ok', store: 'embedded', position: 1 });
  });

  it('describes every path and method of the API', async () => {
    const r = await api.get('/api/v1/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    const operations = Object.entries(r.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual(
      [
        'GET /api/v1/health',
        'GET /api/v1/openapi.json',
        'GET /api/v1/orgs',
        'POST /api/v1/orgs',
        'GET /api/v1/orgs/{org}/org-chart',
        'POST /api/v1/orgs/{org}/reorganizations',
        'GET /api/v1/orgs/{org}/units/{unitId}',
        'GET /api/v1/orgs/{org}/units/{unitId}/history',
        'GET /api/v1/orgs/{org}/pdo',
        'POST /api/v1/orgs/{org}/objectives',
        'POST /api/v1/orgs/{org}/plan-items',
        'GET /api/v1/orgs/{org}/objectives/{objectiveId}',
        'PATCH /api/v1/orgs/{org}/objectives/{objectiveId}',
        'GET /api/v1/orgs/{org}/objectives/{objectiveId}/history',
        'POST /api/v1/orgs/{org}/objectives/{objectiveId}/withdraw',
        'POST /api/v1/orgs/{org}/plans',
        'POST /api/v1/orgs/{org}/snapshots',
        'POST /api/v1/orgs/{org}/indicators/{indicatorId}/measurements',
        'GET /api/v1/orgs/{org}/indicators/{indicatorId}/measurements',
        'GET /api/v1/orgs/{org}/indicators/{indicatorId}/history',
        'GET /api/v1/orgs/{org}/acts',
        'GET /api/v1/orgs/{org}/acts/{actId}',
        'POST /api/v1/orgs/{org}/acts/{actId}/annul',
        'POST /api/v1/tokens',
        'GET /api/v1/tokens',
        'DELETE /api/v1/tokens/{tokenId}',
        'POST /api/v1/tokens/{tokenId}/revoke',
        'GET /api/v1/audit/verify',
        'GET /api/v1/audit/events',
        'GET /api/v1/audit/backdated',
        'GET /api/v1/orgs/{org}/competencies',
        'GET /api/v1/orgs/{org}/live',
        'GET /api/v1/orgs/{org}/org-chart/diff',
        'GET /api/v1/orgs/{org}/pdo/diff',
        'GET /api/v1/orgs/{org}/plans/{planId}/table',
        'GET /api/v1/orgs/{org}/timeline',
        'GET /api/v1/orgs/{org}/search',
        'GET /api/v1/sources/{id}/text',
        'POST /api/v1/sources',
        'GET /api/v1/sources/{sourceId}',
        'GET /api/v1/orgs/{org}/sources',
        'POST /api/v1/orgs/{org}/attestations',
      ].sort(),
    );
  });

  it('generates bodies and parameters from the validating schemas', async () => {
    const doc = (await api.get('/api/v1/openapi.json')).body;
    const reorganize = doc.paths['/api/v1/orgs/{org}/reorganizations'].post;
    const schema = reorganize.requestBody.content['application/json'].schema;
    // act became optional with issue 15: one of act and sourceId (a refinement the schema states in act's description).
    expect(schema.required).toEqual(['effectiveFrom', 'changes']);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['act', 'sourceId', 'basis', 'basisReason', 'inferredFrom', 'attestedPeriod']));
    expect(schema.additionalProperties).toBe(false);
    // The schema's ceiling; the configured limit (ORGTRAIL_MAX_REORGANIZATION_CHANGES, default 500) is the command's 422.
    expect(schema.properties.changes.maxItems).toBe(MAX_CHANGES_CEILING);
    expect(schema.properties.changes.items.oneOf.map((o: { properties: { op: { const: string } } }) => o.properties.op.const)).toEqual([
      'establish', 'rename', 'move', 'reclassify', 'dissolve', 'assign-competency', 'withdraw-competency', 'transfer-competency', 'appoint-head', 'vacate-head',
    ]);
    expect(Object.keys(schema.properties)).toContain('provenance');
    expect(reorganize.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:org', 'header:If-Match', 'header:Idempotency-Key']);
    expect(Object.keys(reorganize.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '412', '413', '415', '422', '429', '503', '507']);
    const chart = doc.paths['/api/v1/orgs/{org}/org-chart'].get;
    expect(chart.parameters.map((p: { name: string; in: string; required: boolean }) => `${p.in}:${p.name}:${p.required}`)).toEqual([
      'path:org:true', 'query:at:false', 'query:asKnownAt:false', 'query:asOfPosition:false', 'query:format:false', 'query:sep:false', 'query:provenance:false',
      'query:evidence:false', 'query:attestedWithinDays:false', 'query:shape:false', 'query:competencies:false', 'query:paper:false', 'query:fields:false', 'header:If-None-Match:false',
    ]);
    const unit = doc.paths['/api/v1/orgs/{org}/units/{unitId}'].get;
    expect(unit.parameters.map((p: { name: string }) => p.name)).toEqual(['org', 'unitId', 'at', 'asKnownAt', 'asOfPosition', 'provenance', 'evidence', 'attestedWithinDays']);
    expect(Object.keys(doc.components.schemas.Source.properties)).toContain('conflicts');
    expect(Object.keys(doc.components.schemas.HistoryEntry.properties)).toContain('conflicts');
    expect(doc.components.responses.Unprocessable.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(doc.paths['/api/v1/orgs/{org}/objectives'].post.responses['409']).toEqual({ $ref: '#/components/responses/Conflict' });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const r = await api.get('/api/v2/orgs');
    expect(r.status).toBe(404);
    expect(r.contentType).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ status: 404, code: 'not_found', detail: 'no route GET /api/v2/orgs' });
  });
});

describe('an unexpected error', () => {
  it('is a 500 problem with a generic detail, no stack, no message', async () => {
    const store = await createSqliteEventStore({ file: ':memory:' });
    const projector = new Projector(store, new ReadModels());
    await projector.start();
    const failing = new Proxy({} as CommandService, {
      get: () => async () => {
        throw new Error('SECRET connection string postgres://admin:hunter2@db');
      },
    });
    const config = parseConfig({ ORGTRAIL_ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    const tokens = createTokenService({ store, adminToken: config.adminToken });
    const app = buildApp({ store, projector, commands: failing, clock: () => new Date(), tokens, security: config.security });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      const r = await apiClient(`http://127.0.0.1:${port}`, { token: TEST_ADMIN_TOKEN }).post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' });
      expect(r.status).toBe(500);
      expect(r.contentType).toMatch(/^application\/problem\+json/);
      expect(r.body).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred; it has been logged', code: 'internal', problems: [] });
      expect(stderr.join('')).toContain('SECRET');
    } finally {
      process.stderr.write = write;
      await new Promise((resolve) => server.close(resolve));
      await projector.stop();
      await store.close();
    }
  });
});
