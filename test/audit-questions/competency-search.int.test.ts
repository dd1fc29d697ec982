/**
 * "Which unit held the competency for X on date D?" — full-text search of competencies as
 * they stood on a date: every query word must start a word of the text, accents and case
 * ignored; each match comes with its unit, head and parents (root first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

interface Match {
  competencyId: string;
  unitId: string;
  unitName: string;
  head: { person: string; title: string | null } | null;
  parents: { unitId: string }[];
  path: string;
  score: number;
}
const base = '/api/v1/orgs/comune';

describe('GET /orgs/:org/competencies', () => {
  let app: TestApp;
  let api: ApiClient;
  const search = (query: string) => api.get(`${base}/competencies?${query}`);
  const ids = (r: { body: { competencies: Match[] } }) => r.body.competencies.map((m) => m.competencyId);

  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'comune', name: 'Comune' }));
    const reorg = (act: string, effectiveFrom: string, changes: unknown[]) => accepted(api.post(`${base}/reorganizations`, { act: { id: act }, effectiveFrom, changes }));
    await reorg('ORG', '2019-01-01', [
      { op: 'establish', unitId: 'dir', name: 'Direzione Generale', kind: 'area' },
      { op: 'establish', unitId: 'gab', name: 'Gabinetto', kind: 'settore', parentId: 'dir' },
      { op: 'establish', unitId: 'cer', name: 'Ufficio Cerimoniale', kind: 'ufficio', parentId: 'gab' },
      { op: 'appoint-head', unitId: 'cer', person: 'Mario Rossi', title: 'Responsabile' },
      { op: 'assign-competency', unitId: 'cer', competencyId: 'c1', text: 'Concessione dei patrocìni per eventi' },
      { op: 'assign-competency', unitId: 'gab', competencyId: 'c2', text: 'Gestione della comunicazione istituzionale' },
      { op: 'assign-competency', unitId: 'dir', competencyId: 'c3', text: "Patrocinio legale dell'Ente" },
      { op: 'assign-competency', unitId: 'gab', competencyId: 'c4', text: 'Eventi e PATROCINI sportivi' },
    ]);
    await reorg('MOVE', '2021-01-01', [{ op: 'transfer-competency', competencyId: 'c1', fromUnitId: 'cer', toUnitId: 'dir' }]);
  });
  afterAll(() => app.close());

  it('finds by word prefix, ignoring accents and case, ranking whole-word matches first', async () => {
    const r = await search('q=patrocini&at=2020-06-01');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ at: '2020-06-01', q: 'patrocini', total: 3 });
    expect(ids(r)).toEqual(['c1', 'c4', 'c3']);
    expect(ids(await search('q=PATROC%C3%8CN&at=2020-06-01')).sort()).toEqual(['c1', 'c3', 'c4']);
  });

  it('gives the unit holding each match on that date, its head and its parents root first', async () => {
    const byOrg = { status: 'enacted', firstAttestedOn: null, lastAttestedOn: null, sources: ['ORG'] };
    const r = await search('q=concessione&at=2020-06-01');
    expect(r.body.competencies).toEqual([
      {
        competencyId: 'c1',
        text: 'Concessione dei patrocìni per eventi',
        score: 2,
        unitId: 'cer',
        unitName: 'Ufficio Cerimoniale',
        unitKind: 'ufficio',
        head: { person: 'Mario Rossi', title: 'Responsabile', evidence: byOrg },
        evidence: byOrg,
        unitEvidence: byOrg,
        parents: [
          { unitId: 'dir', name: 'Direzione Generale', kind: 'area' },
          { unitId: 'gab', name: 'Gabinetto', kind: 'settore' },
        ],
        path: 'Direzione Generale > Gabinetto > Ufficio Cerimoniale',
      },
    ]);
    const later = await search('q=concessione&at=2021-06-01');
    expect(later.body.competencies.map((m: Match) => [m.unitId, m.path, m.parents])).toEqual([['dir', 'Direzione Generale', []]]);
  });

  it('requires every word (AND) and ranks words found consecutively higher', async () => {
    // Same score; c4 matches from its first word, c1 from its third.
    expect(ids(await search('q=patrocini+eventi&at=2020-06-01'))).toEqual(['c4', 'c1']);
    const phrase = await search('q=patrocini%20sport&at=2020-06-01');
    expect(phrase.body.competencies.map((m: Match) => [m.competencyId, m.score])).toEqual([['c4', 4]]);
    expect(ids(await search('q=patrocini+comunicazione&at=2020-06-01'))).toEqual([]);
  });

  it('answers nothing before the competencies existed, and honours limit', async () => {
    expect(ids(await search('q=patrocini&at=2018-06-01'))).toEqual([]);
    const limited = await search('q=patrocini&at=2020-06-01&limit=1');
    expect([limited.body.total, ids(limited)]).toEqual([3, ['c1']]);
  });

  it('refuses a query without words, a bad limit or date, naming the field; 404 for an unknown org', async () => {
    for (const [query, field] of [['q=', 'q'], ['q=--', 'q'], ['q=x&limit=0', 'limit'], ['q=x&at=2020-02-30', 'at'], ['at=2020-01-01', 'q']] as const) {
      const r = await search(query);
      expect([query, r.status, r.body.problems?.map((p: { field: string }) => p.field)]).toEqual([query, 400, [field]]);
    }
    expect((await api.get('/api/v1/orgs/altro/competencies?q=x')).status).toBe(404);
  });
});
