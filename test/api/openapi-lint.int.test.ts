/**
 * The served OpenAPI document passes `@redocly/cli lint` (the npm-installed CLI, run offline)
 * with the checked-in redocly.yaml: no errors and no warnings. And every operation says what
 * the access policy and the request guards really do: its security, its 401/403/429, its
 * operationId and tag.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

const run = promisify(execFile);
const repoRoot = new URL('../../', import.meta.url).pathname;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
}

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
}

describe('the OpenAPI document', () => {
  let app: TestApp;
  let document: { paths: Record<string, Record<string, Operation>>; tags: { name: string }[]; servers: unknown[]; info: Record<string, unknown> };
  let dir: string;

  beforeAll(async () => {
    app = await startTestApp();
    document = (await apiClient(app.url).get('/api/v1/openapi.json')).body;
    dir = mkdtempSync(join(tmpdir(), 'orgtrail-openapi-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app?.close();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => ({ path, method, operation: item[method]! })));

  it('passes redocly lint with no errors and no warnings', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const { stdout } = await run(join(repoRoot, 'node_modules/.bin/redocly'), ['lint', file, '--config', join(repoRoot, 'redocly.yaml'), '--format=json'], {
      cwd: repoRoot,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as LintReport;
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it('names servers, a licence, a contact, and tags every operation with a declared tag and a unique operationId', () => {
    expect(document.servers.length).toBeGreaterThan(0);
    expect(document.info['license']).toBeDefined();
    expect(document.info['contact']).toBeDefined();
    const declared = new Set(document.tags.map((tag) => tag.name));
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { operation } of operations()) {
      expect(operation.operationId).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(operation.tags?.every((tag) => declared.has(tag))).toBe(true);
    }
  });

  it('declares the security each operation really needs, as the access policy decides it', () => {
    const security = (method: string, path: string) => document.paths[path]![method]!.security;
    expect(security('get', '/api/v1/health')).toEqual([]);
    expect(security('get', '/api/v1/orgs/{org}/org-chart')).toEqual([{}, { bearer: [] }]);
    for (const [method, path] of [['post', '/api/v1/orgs/{org}/reorganizations'], ['get', '/api/v1/audit/backdated'], ['get', '/api/v1/audit/verify'], ['post', '/api/v1/tokens'], ['post', '/api/v1/orgs/{org}/acts/{actId}/annul']] as const) {
      expect(security(method, path)).toEqual([{ bearer: [] }]);
    }
    expect(document.paths['/api/v1/tokens']!['get']!).toMatchObject({ 'x-roles': ['admin'] });
    expect(document.paths['/api/v1/audit/backdated']!['get']!).toMatchObject({ 'x-roles': ['auditor', 'admin'] });
  });

  it('lists 401, 403 and 429 where they can happen, and the command problems on every command', () => {
    for (const { path, method, operation } of operations()) {
      const statuses = Object.keys(operation.responses);
      expect(statuses, `${method} ${path}`).toContain('429');
      if (operation.security?.length) expect(statuses, `${method} ${path}`).toContain('401');
      if (operation.security?.length === 1) expect(statuses, `${method} ${path}`).toContain('403');
      if (method !== 'get' && !path.startsWith('/api/v1/tokens')) expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['400', '409', '422']));
    }
    expect(Object.keys(document.paths['/api/v1/orgs/{org}/objectives/{objectiveId}']!['patch']!.responses)).toContain('412');
    expect(Object.keys(document.paths['/api/v1/orgs/{org}/org-chart']!['get']!.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '429']));
  });
});
