/**
 * What a command accepts besides its body: no query parameter (400 naming each, nothing
 * appended), and If-Match only where the command compares it with a revision (updates); a
 * command with no revision to compare (a create, a measurement, a token) refuses it with 400
 * instead of ignoring a precondition its client relies on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

const base = '/api/v1/orgs/milano';
const fields = (body: { problems?: { field: string }[] }) => body.problems?.map((p) => p.field);

describe('command preconditions', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
    await accepted(api.post(`${base}/reorganizations`, { act: { id: 'D1' }, effectiveFrom: '2024-01-01', changes: [{ op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' }] }));
    await accepted(api.post(`${base}/objectives`, { objectiveId: 'ob1', unitId: 'dg', title: 'Digitalizzare', effectiveFrom: '2024-01-01', indicators: [{ indicatorId: 'ind1', description: 'Pratiche', target: 100 }] }));
  });
  afterAll(() => app.close());

  it('given a command with unknown query parameters, then 400 naming each and nothing appended', async () => {
    const head = await app.store.headPosition();
    const commands: [string, string, unknown][] = [
      ['POST', `/api/v1/orgs?dryRun=true`, { orgId: 'roma', name: 'Roma Capitale' }],
      ['POST', `${base}/reorganizations?at=2020-01-01&force=1`, { act: { id: 'D2' }, effectiveFrom: '2024-02-01', changes: [{ op: 'rename', unitId: 'dg', name: 'DG' }] }],
      ['PATCH', `${base}/objectives/ob1?validate=false`, { title: 'Digitalizzare tutto', effectiveFrom: '2024-03-01' }],
      ['POST', `${base}/indicators/ind1/measurements?unit=%25`, { value: 3, measuredAt: '2024-03-31' }],
      ['POST', `/api/v1/tokens?role=admin`, { name: 'x', role: 'reader' }],
    ];
    const answers = await Promise.all(commands.map(([method, path, json]) => api.send(method, path, { json })));
    expect(answers.map((r) => [r.status, fields(r.body)])).toEqual([
      [400, ['dryRun']],
      [400, ['at', 'force']],
      [400, ['validate']],
      [400, ['unit']],
      [400, ['role']],
    ]);
    expect(await app.store.headPosition()).toBe(head);
  });

  it('given If-Match on a command that creates or only adds, then 400 naming If-Match and nothing appended', async () => {
    const head = await app.store.headPosition();
    const answers = await Promise.all([
      api.post('/api/v1/orgs', { orgId: 'roma', name: 'Roma Capitale' }, { 'If-Match': '"0"' }),
      api.post(`${base}/objectives`, { objectiveId: 'ob2', unitId: 'dg', title: 'Semplificare', effectiveFrom: '2024-01-01' }, { 'If-Match': '*' }),
      api.post(`${base}/indicators/ind1/measurements`, { value: 3, measuredAt: '2024-03-31' }, { 'If-Match': '"0"' }),
      api.post('/api/v1/tokens', { name: 'Ufficio', role: 'reader' }, { 'If-Match': '"0"' }),
    ]);
    expect(answers.map((r) => [r.status, fields(r.body)])).toEqual(Array(4).fill([400, ['If-Match']]));
    expect(await app.store.headPosition()).toBe(head);
  });

  it('given If-Match on an update, then it is still honoured: stale is 412, current is accepted', async () => {
    const current = (await api.get(`${base}/objectives/ob1`)).headers.get('etag')!;
    const stale = await api.patch(`${base}/objectives/ob1`, { title: 'Digitalizzare i servizi', effectiveFrom: '2024-04-01' }, { 'If-Match': '"99"' });
    expect(stale.status).toBe(412);
    await accepted(api.patch(`${base}/objectives/ob1`, { title: 'Digitalizzare i servizi', effectiveFrom: '2024-04-01' }, { 'If-Match': current }), 200);
  });
});
