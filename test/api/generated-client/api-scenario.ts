/**
 * The test suite's use of the API, written against the client generated from the OpenAPI
 * document (openapi-typescript types + openapi-fetch): every path, method, parameter and body
 * below must type-check against the document, and every answer field read must be in it.
 * test/api/generated-client/generated-client.int.test.ts type-checks this file against freshly
 * generated types, then runs it against a live app.
 */
import createClient from 'openapi-fetch';
import { expect } from 'vitest';
import type { paths } from './orgtrail-api.js';

export async function apiScenario(baseUrl: string, adminToken: string): Promise<void> {
  const api = createClient<paths, 'application/json'>({ baseUrl, headers: { authorization: `Bearer ${adminToken}` } });
  const anonymous = createClient<paths, 'application/json'>({ baseUrl });
  const org = { path: { org: 'prova' } };

  const health = await anonymous.GET('/api/v1/health');
  expect(health.data?.status).toBe('ok');

  const registered = await api.POST('/api/v1/orgs', { body: { orgId: 'prova', name: 'Ente di prova' } });
  expect(registered.response.status).toBe(201);
  expect((await anonymous.GET('/api/v1/orgs')).data?.orgs.map((o) => o.orgId)).toContain('prova');

  const reorganized = await api.POST('/api/v1/orgs/{org}/reorganizations', {
    params: org,
    body: {
      act: { id: 'DG-1', kind: 'delibera', title: 'Istituzione', date: '2023-12-01' },
      effectiveFrom: '2024-01-01',
      changes: [
        { op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' },
        { op: 'establish', unitId: 'archivio', name: 'Unità Archivio', kind: 'unita', parentId: 'dg' },
        { op: 'assign-competency', unitId: 'archivio', competencyId: 'c-1', text: 'Protocollo e archivi' },
        { op: 'appoint-head', unitId: 'dg', person: 'Anna Rossi', title: 'Direttrice' },
      ],
    },
  });
  expect(reorganized.data?.revision).toBeGreaterThan(0);
  const etag = reorganized.response.headers.get('etag') ?? '';

  const renamed = await api.POST('/api/v1/orgs/{org}/reorganizations', {
    params: { ...org, header: { 'If-Match': etag } },
    body: { act: { id: 'DG-2' }, effectiveFrom: '2024-07-01', changes: [{ op: 'rename', unitId: 'archivio', name: 'Archivio Generale' }] },
  });
  expect(renamed.response.status).toBe(201);

  const chart = await anonymous.GET('/api/v1/orgs/{org}/org-chart', { params: { ...org, query: { at: '2024-06-01' } } });
  expect(chart.data?.units.map((unit) => unit.unitId).sort()).toEqual(['archivio', 'dg']);
  const unit = await anonymous.GET('/api/v1/orgs/{org}/units/{unitId}', { params: { path: { org: 'prova', unitId: 'archivio' }, query: { at: '2024-08-01' } } });
  expect(unit.data?.unit.name).toBe('Archivio Generale');
  const history = await anonymous.GET('/api/v1/orgs/{org}/units/{unitId}/history', { params: { path: { org: 'prova', unitId: 'archivio' } } });
  expect(history.data?.history.flatMap((entry) => entry.changes.map((change) => change.field))).toContain('name');

  const defined = await api.POST('/api/v1/orgs/{org}/objectives', {
    params: org,
    body: {
      objectiveId: 'ob-1', unitId: 'archivio', title: 'Digitalizzare', effectiveFrom: '2024-01-01',
      indicators: [{ indicatorId: 'i-1', description: 'Pratiche digitali', unit: '%', target: 80 }],
    },
  });
  expect(defined.response.status).toBe(201);
  const objective = await anonymous.GET('/api/v1/orgs/{org}/objectives/{objectiveId}', { params: { path: { org: 'prova', objectiveId: 'ob-1' }, query: { at: '2024-06-01' } } });
  const revised = await api.PATCH('/api/v1/orgs/{org}/objectives/{objectiveId}', {
    params: { path: { org: 'prova', objectiveId: 'ob-1' }, header: { 'If-Match': objective.response.headers.get('etag') ?? '' } },
    body: { title: 'Digitalizzare tutto', effectiveFrom: '2024-03-01' },
  });
  expect(revised.response.status).toBe(200);
  await api.POST('/api/v1/orgs/{org}/indicators/{indicatorId}/measurements', { params: { path: { org: 'prova', indicatorId: 'i-1' } }, body: { value: 42, measuredAt: '2024-03-31' } });
  const pdo = await anonymous.GET('/api/v1/orgs/{org}/pdo', { params: { ...org, query: { year: '2024', at: '2024-06-01' } } });
  expect(pdo.data?.objectives[0]?.indicators[0]?.latest?.value).toBe(42);
  const measurements = await anonymous.GET('/api/v1/orgs/{org}/indicators/{indicatorId}/measurements', { params: { path: { org: 'prova', indicatorId: 'i-1' } } });
  expect(measurements.data?.measurements.map((m) => m.measuredAt)).toEqual(['2024-03-31']);

  const diff = await anonymous.GET('/api/v1/orgs/{org}/org-chart/diff', { params: { ...org, query: { from: '2023-12-31', to: '2024-08-01' } } });
  expect(diff.data?.changes.length).toBeGreaterThan(0);
  const pdoDiff = await anonymous.GET('/api/v1/orgs/{org}/pdo/diff', { params: { ...org, query: { from: '2023-12-31', to: '2024-06-01', year: '2024' } } });
  expect(pdoDiff.data?.changes.length).toBeGreaterThan(0);
  const found = await anonymous.GET('/api/v1/orgs/{org}/competencies', { params: { ...org, query: { q: 'protocollo', at: '2024-06-01' } } });
  expect(found.data?.competencies[0]?.unitId).toBe('archivio');

  const acts = await anonymous.GET('/api/v1/orgs/{org}/acts', { params: org });
  expect(acts.data?.acts.map((act) => act.actId)).toEqual(expect.arrayContaining(['DG-1', 'DG-2']));
  const annulled = await api.POST('/api/v1/orgs/{org}/acts/{actId}/annul', { params: { path: { org: 'prova', actId: 'DG-2' } }, body: { reason: 'Annullata', act: { id: 'TAR-1', kind: 'sentenza', date: '2024-09-01' } } });
  expect(annulled.response.status).toBe(201);
  const act = await anonymous.GET('/api/v1/orgs/{org}/acts/{actId}', { params: { path: { org: 'prova', actId: 'DG-2' } } });
  expect(act.data?.act.annulled).toBeTruthy();

  const issued = await api.POST('/api/v1/tokens', { body: { name: 'Ufficio Statistica', role: 'auditor' } });
  const auditor = createClient<paths, 'application/json'>({ baseUrl, headers: { authorization: `Bearer ${issued.data?.token ?? ''}` } });
  expect((await auditor.GET('/api/v1/audit/verify')).data?.intact).toBe(true);
  const events = await auditor.GET('/api/v1/audit/events', { params: { query: { org: 'prova', limit: '5' } } });
  expect(events.data?.events.length).toBe(5);
  const late = await auditor.GET('/api/v1/audit/backdated', { params: { query: { org: 'prova', minDays: '0' } } });
  expect(late.data?.records).toBeDefined();
  const tokens = await api.GET('/api/v1/tokens');
  const tokenId = tokens.data?.tokens.find((t) => t.name === 'Ufficio Statistica')?.tokenId ?? '';
  expect((await api.DELETE('/api/v1/tokens/{tokenId}', { params: { path: { tokenId } } })).data?.revokedAt).not.toBeNull();
}
