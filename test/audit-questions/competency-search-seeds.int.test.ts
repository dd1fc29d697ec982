/**
 * Competency search over the real seed documents (imported through the composition root, as
 * `npm start` does): "patrocini" finds the Gabinetto del Sindaco competencies about patrocinio,
 * each under the unit the document puts it in, with that unit's chain of parents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedData } from '../../seeds/load-seed-data.ts';
import { apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

interface Match {
  competencyId: string;
  text: string;
  unitId: string;
  parents: { unitId: string }[];
}

describe('competency search over the seed data', () => {
  const gabinetto = loadSeedData().gabinetto;
  const AT = '2022-06-01';
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp({ env: { ORGTRAIL_SEED: 'auto' } });
    api = apiClient(app.url, { token: app.adminToken });
  });
  afterAll(() => app.close());

  it('finds every Gabinetto competency about patrocini, in the unit and under the parents the document gives', async () => {
    const expected = gabinetto.units.flatMap((unit) =>
      unit.competencies.filter((c) => /\bpatrocin/i.test(c.text)).map((c) => ({ competencyId: c.competencyId, unitId: unit.unitId, parentId: unit.parentId })),
    );
    expect(expected.length).toBeGreaterThan(0);
    const r = await api.get(`/api/v1/orgs/comune-milano/competencies?q=patrocini&at=${AT}&limit=200`);
    expect(r.status).toBe(200);
    const found = new Map((r.body.competencies as Match[]).map((m) => [m.competencyId, m]));
    const chart = await api.get(`/api/v1/orgs/comune-milano/org-chart?at=${AT}`);
    const parentOf = new Map((chart.body.units as { unitId: string; parentId: string | null }[]).map((u) => [u.unitId, u.parentId]));
    for (const { competencyId, unitId, parentId } of expected) {
      const match = found.get(competencyId);
      expect(match, competencyId).toBeDefined();
      expect(match!.unitId).toBe(unitId);
      expect(match!.parents.at(-1)?.unitId).toBe(parentId);
      expect(parentOf.get(match!.parents[0]!.unitId) ?? null).toBeNull();
    }
  });

  it('returns only competencies whose text has a word starting with the query, accents aside', async () => {
    const r = await api.get(`/api/v1/orgs/comune-milano/competencies?q=PATROCÌNI&at=${AT}&limit=200`);
    expect(r.body.total).toBe(r.body.competencies.length);
    for (const match of r.body.competencies as Match[]) {
      expect(match.text.normalize('NFD').replace(/\p{M}/gu, '')).toMatch(/(^|[^\p{L}\p{N}])patrocini/iu);
    }
  });
});
