/**
 * Rules the service applies, each stated in the README (docs/api.md, "Rules of the commands"),
 * each tested here over HTTP (issue 14, point 10). Given one org with a small structure:
 * dg → area (holding a competency), and an objective on area.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { accepted, apiClient, type ApiClient } from './api-client.ts';

const BASE = '/api/v1/orgs/milano';

describe('rules of the commands', () => {
  let app: TestApp;
  let api: ApiClient;
  const reorganize = (act: string, effectiveFrom: string, changes: unknown[], headers?: Record<string, string>) =>
    api.post(`${BASE}/reorganizations`, { act: { id: act }, effectiveFrom, changes }, headers);
  const fields = (r: { body: { problems?: { field: string }[] } }) => r.body.problems?.map((p) => p.field);

  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
    await accepted(
      reorganize('DG-1', '2020-01-01', [
        { op: 'establish', unitId: 'dg', name: 'Direzione', kind: 'direzione' },
        { op: 'establish', unitId: 'area', name: 'Area', kind: 'area', parentId: 'dg' },
        { op: 'establish', unitId: 'lonely', name: 'Senza obiettivi', kind: 'area', parentId: 'dg' },
        { op: 'assign-competency', unitId: 'area', competencyId: 'c1', text: 'Patrocini' },
      ]),
    );
  });
  afterAll(() => app.close());

  it('a rename to the name the unit already has is 422', async () => {
    const r = await reorganize('DG-2', '2021-01-01', [{ op: 'rename', unitId: 'area', name: 'Area' }]);
    expect(r.status).toBe(422);
    expect(fields(r)).toEqual(['changes/0/name']);
  });

  it('dissolving a unit needs it to have no active sub-units and no competencies (422 otherwise)', async () => {
    const withChildren = await reorganize('DG-3', '2021-01-01', [{ op: 'dissolve', unitId: 'dg' }]);
    expect(withChildren.status).toBe(422);
    expect(withChildren.body.problems[0].message).toMatch(/sub-units/);
    const withCompetency = await reorganize('DG-3', '2021-01-01', [{ op: 'dissolve', unitId: 'area' }]);
    expect(withCompetency.status).toBe(422);
    expect(withCompetency.body.problems[0].message).toMatch(/competencies/);
  });

  it('a unit with active objectives can be dissolved; the objectives stay, owned by it', async () => {
    await accepted(api.post(`${BASE}/objectives`, { objectiveId: 'ob-lonely', unitId: 'lonely', title: 'Obiettivo', effectiveFrom: '2020-01-01', act: { id: 'PDO-2020' } }));
    await accepted(reorganize('DG-4', '2021-01-01', [{ op: 'dissolve', unitId: 'lonely' }]));
    const objective = await api.get(`${BASE}/objectives/ob-lonely?at=2021-06-01`);
    expect(objective.status).toBe(200);
    expect(objective.body.objective).toMatchObject({ unitId: 'lonely', status: 'active' });
  });

  it('`years: {}` is 400 (omit years for an objective that holds every year)', async () => {
    const r = await api.post(`${BASE}/objectives`, { objectiveId: 'ob-empty', unitId: 'area', title: 'T', years: {}, effectiveFrom: '2020-01-01', act: { id: 'PDO-2020' } });
    expect(r.status).toBe(400);
    expect(fields(r)).toEqual(['years']);
  });

  it('an objective without `years` holds from the year of its effective date on, every year', async () => {
    await accepted(api.post(`${BASE}/objectives`, { objectiveId: 'ob-open', unitId: 'area', title: 'Sempre', effectiveFrom: '2022-03-01', act: { id: 'PDO-2022' } }));
    const ids = async (year: number) => (await api.get(`${BASE}/pdo?year=${year}&at=2030-01-01`)).body.objectives.map((o: { objectiveId: string }) => o.objectiveId);
    expect(await ids(2021)).not.toContain('ob-open');
    expect(await ids(2022)).toContain('ob-open');
    expect(await ids(2027)).toContain('ob-open');
  });

  it('`If-Match: "-1"` is 400 naming If-Match', async () => {
    const r = await reorganize('DG-5', '2021-01-01', [{ op: 'rename', unitId: 'area', name: 'Area nuova' }], { 'If-Match': '"-1"' });
    expect(r.status).toBe(400);
    expect(fields(r)).toEqual(['If-Match']);
  });

  it('an objective id whose defining act was annulled is free: GET is 404 and POST defines it again', async () => {
    await accepted(api.post(`${BASE}/objectives`, { objectiveId: 'ob-x', unitId: 'area', title: 'Annullato', effectiveFrom: '2020-01-01', act: { id: 'PDO-X' } }));
    await accepted(api.post(`${BASE}/acts/PDO-X/annul`, { reason: 'illegittimo', act: { id: 'TAR-1', date: '2021-02-01' } }));
    expect((await api.get(`${BASE}/objectives/ob-x`)).status).toBe(404);
    await accepted(api.post(`${BASE}/objectives`, { objectiveId: 'ob-x', unitId: 'area', title: 'Di nuovo', effectiveFrom: '2021-03-01', act: { id: 'PDO-Y' } }));
    const again = await api.get(`${BASE}/objectives/ob-x?at=2021-06-01`);
    expect(again.status).toBe(200);
    expect(again.body.objective).toMatchObject({ title: 'Di nuovo', effectiveFrom: '2021-03-01' });
    // And it is taken again while it stands.
    expect((await api.post(`${BASE}/objectives`, { objectiveId: 'ob-x', unitId: 'area', title: 'T', effectiveFrom: '2021-03-01', act: { id: 'PDO-Z' } })).status).toBe(409);
  });
});
