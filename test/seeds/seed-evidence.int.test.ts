/**
 * The seed documents, re-expressed as evidence, as the API answers them (docs/evidence.md):
 * every expectation is the one issue 15 states for the real data, read through the same HTTP
 * app `npm start` builds. Ids and dates come from the seed data, not written out again, where
 * the data says them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedData } from '../../seeds/load-seed-data.ts';
import { apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

interface Evidence {
  status: 'enacted' | 'attested' | 'carried-forward' | 'announced' | 'inferred';
  firstAttestedOn: string | null;
  lastAttestedOn: string | null;
  sources: string[];
}
interface Unit {
  unitId: string;
  name: string;
  parentId: string | null;
  evidence: Evidence;
  head: { person: string; title: string | null; evidence: Evidence } | null;
  competencies: { competencyId: string; evidence: Evidence }[];
}

interface DiffRow {
  change: string;
  unitId: string;
  from: string;
  to: string;
  events: { act: unknown }[];
  basis?: { status: string; sourceIds: string[]; actId: string | null };
}

const data = loadSeedData();
const sourceOf = (key: '000' | '001' | '002' | '003' | '004') => data.documents.documents.find((d) => d.key === key)!.source;
const PDO_2024 = sourceOf('004').id;

describe('evidence of the seed data', () => {
  let app: TestApp;
  let api: ApiClient;
  const chart = async (at: string) => {
    const r = await api.get(`/api/v1/orgs/comune-milano/org-chart?at=${at}`);
    expect(r.status).toBe(200);
    return r.body as { units: Unit[]; coverage: { status: string; sources: string[] } };
  };
  const unitOf = (units: Unit[], unitId: string) => {
    const unit = units.find((u) => u.unitId === unitId);
    expect(unit, unitId).toBeDefined();
    return unit!;
  };

  beforeAll(async () => {
    app = await startTestApp({ env: { ORGTRAIL_SEED: 'auto' } });
    api = apiClient(app.url);
  }, 120_000);
  afterAll(() => app.close());

  it('carries the 2016 directorates forward at 2025-06-01, last attested in 2016 by the article', async () => {
    const { units } = await chart('2025-06-01');
    const article = sourceOf('002');
    for (const unitId of ['dir-periferie', 'dir-marketing-metropolitano']) {
      expect(unitOf(units, unitId).evidence, unitId).toMatchObject({ status: 'carried-forward', lastAttestedOn: article.issuedOn, sources: [article.id] });
      expect(article.issuedOn!.startsWith('2016')).toBe(true);
    }
  });

  it('carries the 2020 dirigente forward at 2025-06-01, last attested in 2020', async () => {
    const { units } = await chart('2025-06-01');
    const head = unitOf(units, 'srv-ufficio-sindaco').head;
    expect(head).toMatchObject({ person: 'Francesca Santoro', evidence: { status: 'carried-forward', sources: [sourceOf('001').id] } });
    expect(head!.evidence.lastAttestedOn).toMatch(/^2020-/);
  });

  it('shows the Direzione Partecipate e Patrimonio immobiliare as announced only, in 2016 and in 2025', async () => {
    for (const at of ['2016-07-01', '2025-06-01']) {
      const { units } = await chart(at);
      expect(unitOf(units, 'dir-partecipate-patrimonio-immobiliare').evidence, at).toMatchObject({ status: 'announced', firstAttestedOn: null, lastAttestedOn: null, sources: [sourceOf('002').id] });
    }
  });

  it('has the Gabinetto units at 2022-06-01 attested by 000 (inferred where their parent is read, not stated)', async () => {
    const { units, coverage } = await chart('2022-06-01');
    const gabinetto = sourceOf('000');
    expect(coverage).toMatchObject({ status: 'covered', sources: expect.arrayContaining([gabinetto.id]) });
    expect(data.gabinetto.units).toHaveLength(12);
    for (const u of data.gabinetto.units) {
      const { evidence } = unitOf(units, u.unitId);
      expect(evidence.sources, u.unitId).toContain(gabinetto.id);
      expect(evidence.status, u.unitId).toBe(u.parentInferred ? 'inferred' : 'attested');
      if (!u.parentInferred) expect(evidence, u.unitId).toMatchObject({ firstAttestedOn: gabinetto.period!.from, lastAttestedOn: gabinetto.period!.to });
    }
  });

  it('has the directorates 000 names in 2022 by its evidence', async () => {
    const { units } = await chart('2022-06-01');
    for (const d of data.gabinettoUnits.directorates) {
      const unit = unitOf(units, d.unitId);
      expect(unit.name, d.unitId).toBe(d.name);
      expect(unit.evidence, d.unitId).toMatchObject({ status: 'attested', sources: expect.arrayContaining([sourceOf('000').id]) });
    }
  });

  it('has the 26 directorates at 2024-06-01 attested by the PDO 2024-2026', async () => {
    const { units, coverage } = await chart('2024-06-01');
    expect(coverage.sources).toContain(PDO_2024);
    expect(data.pdo2024.directorates).toHaveLength(26);
    for (const d of data.pdo2024.directorates) {
      const unit = unitOf(units, d.unitId);
      expect(unit.name, d.unitId).toBe(d.name);
      expect(unit.evidence, d.unitId).toMatchObject({ status: 'attested', lastAttestedOn: '2026-12-31', sources: expect.arrayContaining([PDO_2024]) });
    }
  });

  it('answers 2015-06-01, a date no source covers, as uncovered', async () => {
    const { coverage } = await chart('2015-06-01');
    expect(coverage).toEqual({ status: 'uncovered', sources: [] });
  });

  it('records the Municipi rename between 2017 and 2024 as an inference resting on the documents that name it, never an act', async () => {
    const r = await api.get('/api/v1/orgs/comune-milano/org-chart/diff?from=2017-01-01&to=2024-06-01');
    expect(r.status).toBe(200);
    const rename = (r.body.changes as DiffRow[]).find((c) => c.change === 'unit-renamed' && c.unitId === 'dir-municipi');
    expect(rename).toMatchObject({ from: 'Direzione Municipi', to: 'Direzione Servizi Civici e Municipi' });
    expect(rename!.events.map((e) => e.act)).toEqual([null, null]);
    for (const key of ['002', '000', '004'] as const) {
      const source = await api.get(`/api/v1/sources/${sourceOf(key).id}`);
      expect(source.body.source.facts.inferred, key).toContain('unit:dir-municipi');
      expect(source.body.source.facts.enacted, key).toEqual([]);
    }
  });

  it("gives the Municipi rename's diff row the basis inferred, naming both sources", async () => {
    const r = await api.get('/api/v1/orgs/comune-milano/org-chart/diff?from=2017-01-01&to=2024-06-01');
    const rename = (r.body.changes as DiffRow[]).find((c) => c.change === 'unit-renamed' && c.unitId === 'dir-municipi')!;
    expect(rename.basis).toMatchObject({ status: 'inferred', actId: null });
    expect(rename.basis?.sourceIds).toEqual(expect.arrayContaining([PDO_2024, sourceOf('000').id]));
  });

  it('marks the 2020 holder of "patrocini" carried forward at 2024-06-01', async () => {
    const r = await api.get('/api/v1/orgs/comune-milano/competencies?q=patrocini&at=2024-06-01&limit=200');
    expect(r.status).toBe(200);
    const matches = r.body.competencies as { competencyId: string; unitId: string; evidence: Evidence }[];
    const holder2020 = matches.find((m) => m.unitId === 'dir-ufficio-sindaco');
    expect(holder2020).toMatchObject({ competencyId: 'dir-ufficio-sindaco.c06', evidence: { status: 'carried-forward', sources: [sourceOf('001').id] } });
    expect(holder2020!.evidence.lastAttestedOn).toMatch(/^2020-/);
  });
});
