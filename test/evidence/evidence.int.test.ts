/**
 * Evidence on hand-written scenarios (docs/evidence.md): every status, coverage, the filters,
 * conflicts, complete-scope sources, and an attestation of an already-standing fact (which
 * changes no answer but its evidence). Given the commands below, then these answers.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from '../support/start-test-app.ts';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';

const ORG = '/api/v1/orgs/milano';
type Unit = { unitId: string; name: string; parentId: string | null; evidence: { status: string; firstAttestedOn: string | null; lastAttestedOn: string | null; sources: string[]; conflicts?: unknown[]; notAttestedBy?: string[] } };
const withoutEvidence = (units: Unit[]) => JSON.parse(JSON.stringify(units, (key, value) => (key === 'evidence' ? undefined : value)));

describe('evidence of every fact (issue 15)', () => {
  const time = manualClock('2025-03-01T09:00:00.000Z');
  let app: TestApp;
  let api: ApiClient;
  const chart = async (query: string) => (await api.get(`${ORG}/org-chart?${query}`)).body as { coverage: { status: string; sources: string[] }; units: Unit[] };
  const unit = async (unitId: string, query: string) => (await chart(query)).units.find((u) => u.unitId === unitId);
  let beforeAttestation = 0;

  beforeAll(async () => {
    app = await startTestApp({ clock: time.clock });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
    const source = (body: object) => accepted(api.post('/api/v1/sources', { orgId: 'milano', ...body }));
    await source({ sourceId: 'pdo-2020', title: 'PDO 2020', kind: 'piano', period: { from: '2020-01-01', to: '2020-12-31' } });
    await source({ sourceId: 'articolo-2016', title: 'Articolo', kind: 'articolo', issuedOn: '2016-07-01', dateQualifier: { kind: 'approximate', reason: 'undated article' } });
    await source({ sourceId: 'organigramma-2023', title: 'Organigramma 2023', kind: 'report', issuedOn: '2023-05-01', scope: { kind: 'complete-structure', rootUnitId: 'dg' } });
    // Enacted: an act with legal effect.
    await accepted(api.post(`${ORG}/reorganizations`, {
      act: { id: 'DG-2018-1', kind: 'delibera' },
      effectiveFrom: '2019-01-01',
      changes: [
        { op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' },
        { op: 'establish', unitId: 'cultura', name: 'Area Cultura', kind: 'area', parentId: 'dg' },
      ],
    }));
    // Attested: shown by the 2020 plan, no act (default basis attested, period: the source's).
    await accepted(api.post(`${ORG}/reorganizations`, {
      sourceId: 'pdo-2020',
      effectiveFrom: '2020-01-01',
      changes: [
        { op: 'establish', unitId: 'sindaco', name: 'Ufficio del Sindaco', kind: 'direzione', parentId: 'dg' },
        { op: 'assign-competency', unitId: 'sindaco', competencyId: 'c-patrocini', text: 'Patrocini' },
        { op: 'appoint-head', unitId: 'sindaco', person: 'Anna Rossi', title: 'Dirigente' },
      ],
    }));
    // Announced: the article says it will be created.
    await accepted(api.post(`${ORG}/reorganizations`, {
      sourceId: 'articolo-2016', basis: 'announced', effectiveFrom: '2016-07-01',
      changes: [{ op: 'establish', unitId: 'partecipate', name: 'Partecipate', kind: 'direzione' }],
    }));
    // Inferred: two documents name cultura differently; the rename is read from both, not enacted.
    await accepted(api.post(`${ORG}/reorganizations`, {
      basis: 'inferred', basisReason: 'the 2020 plan uses another name', inferredFrom: ['articolo-2016', 'pdo-2020'], effectiveFrom: '2021-01-01',
      changes: [{ op: 'rename', unitId: 'cultura', name: 'Area Cultura e Turismo' }],
    }));
    // A unit the 2023 organigramma (complete below dg) will not list.
    await accepted(api.post(`${ORG}/reorganizations`, {
      act: { id: 'DG-2019-2', kind: 'determinazione' }, effectiveFrom: '2019-02-01',
      changes: [{ op: 'establish', unitId: 'musei', name: 'Musei', kind: 'unita', parentId: 'cultura' }],
    }));
    beforeAttestation = (await api.get(`${ORG}/org-chart`)).body.position;
  });

  afterAll(() => app.close());

  it('says enacted for what an act made so, listing the act', async () => {
    expect((await unit('dg', 'at=2019-06-01'))!.evidence).toEqual({ status: 'enacted', firstAttestedOn: null, lastAttestedOn: null, sources: ['DG-2018-1'] });
  });

  it('says attested within the source\'s period, and carried-forward after it with the last date', async () => {
    expect((await unit('sindaco', 'at=2020-06-01'))!.evidence).toEqual({ status: 'attested', firstAttestedOn: '2020-01-01', lastAttestedOn: '2020-12-31', sources: ['pdo-2020'] });
    const later = (await api.get(`${ORG}/units/sindaco?at=2022-06-01`)).body.unit;
    expect(later.evidence).toEqual({ status: 'carried-forward', firstAttestedOn: '2020-01-01', lastAttestedOn: '2020-12-31', sources: ['pdo-2020'] });
    expect(later.head).toEqual({ person: 'Anna Rossi', title: 'Dirigente', evidence: { status: 'carried-forward', firstAttestedOn: '2020-01-01', lastAttestedOn: '2020-12-31', sources: ['pdo-2020'] } });
    expect(later.competencies[0].evidence.status).toBe('carried-forward');
  });

  it('says announced when only an announcing source speaks of it', async () => {
    expect((await unit('partecipate', 'at=2017-01-01'))!.evidence).toEqual({ status: 'announced', firstAttestedOn: null, lastAttestedOn: null, sources: ['articolo-2016'] });
  });

  it('says inferred for a unit whose name rests on an inference (the weakest of name, parent, kind), naming both sources', async () => {
    const cultura = (await unit('cultura', 'at=2021-06-01'))!;
    expect(cultura.name).toBe('Area Cultura e Turismo');
    expect(cultura.evidence).toEqual({ status: 'inferred', firstAttestedOn: null, lastAttestedOn: null, sources: ['articolo-2016', 'pdo-2020', 'DG-2018-1'] });
  });

  it('answers a date no source covers as uncovered, a covered one with its sources', async () => {
    expect((await chart('at=2015-06-01'))).toMatchObject({ coverage: { status: 'uncovered', sources: [] }, units: [] });
    expect((await chart('at=2020-06-01')).coverage).toEqual({ status: 'covered', sources: ['pdo-2020', 'DG-2018-1', 'DG-2019-2'] });
    expect((await api.get(`${ORG}/pdo?year=2015&at=2015-06-01`)).body.coverage).toEqual({ status: 'uncovered', sources: [] });
  });

  it('filters by status and by how recently a carried-forward fact was attested', async () => {
    const ids = async (query: string) => (await chart(query)).units.map((u) => u.unitId);
    expect(await ids('at=2022-06-01')).toEqual(['dg', 'cultura', 'sindaco', 'partecipate', 'musei']);
    expect(await ids('at=2022-06-01&evidence=enacted')).toEqual(['dg', 'musei']);
    expect(await ids('at=2022-06-01&evidence=carried-forward,announced')).toEqual(['sindaco', 'partecipate']);
    // 2020-12-31 → 2022-06-01 is 517 days.
    expect(await ids('at=2022-06-01&attestedWithinDays=600')).toEqual(['dg', 'cultura', 'sindaco', 'partecipate', 'musei']);
    expect(await ids('at=2022-06-01&attestedWithinDays=365')).toEqual(['dg', 'cultura', 'partecipate', 'musei']);
    const bad = await api.get(`${ORG}/org-chart?evidence=rumoured`);
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field)).toEqual(['evidence/0']);
    expect((await api.get(`${ORG}/org-chart?attestedWithinDays=-1`)).body.problems.map((p: { field: string }) => p.field)).toEqual(['attestedWithinDays']);
    const csv = await api.get(`${ORG}/org-chart?at=2022-06-01&evidence=enacted&format=csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.body).split('\n').filter((l: string) => l.trim() !== '').length).toBe(3);
    const [header, dgRow] = String(csv.body).split(/\r?\n/);
    const columns = header!.split(',');
    const cell = (name: string) => dgRow!.split(',')[columns.indexOf(name)];
    expect([cell('unitId'), cell('evidenceStatus'), cell('evidenceSources'), cell('coverageStatus')]).toEqual(['dg', 'enacted', 'DG-2018-1', 'covered']);
  });

  it('filters the single unit like the chart: filtered out is 404, its competencies filtered; bad filters name their field', async () => {
    // sindaco on 2022-06-01: carried forward since 2020-12-31 (517 days), with a carried-forward competency.
    const kept = await api.get(`${ORG}/units/sindaco?at=2022-06-01&evidence=carried-forward`);
    expect(kept.status).toBe(200);
    expect(kept.body.unit.competencies.map((c: { competencyId: string }) => c.competencyId)).toEqual(['c-patrocini']);
    const dropped = await api.get(`${ORG}/units/sindaco?at=2022-06-01&evidence=enacted,attested`);
    expect(dropped.status).toBe(404);
    expect(dropped.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await api.get(`${ORG}/units/sindaco?at=2022-06-01&attestedWithinDays=365`)).status).toBe(404);
    expect((await api.get(`${ORG}/units/sindaco?at=2022-06-01&attestedWithinDays=600`)).status).toBe(200);
    expect((await api.get(`${ORG}/units/dg?at=2022-06-01&evidence=enacted`)).body.unit.unitId).toBe('dg');
    const bad = await api.get(`${ORG}/units/dg?evidence=rumoured`);
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field)).toEqual(['evidence/0']);
    expect((await api.get(`${ORG}/units/dg?attestedWithinDays=x`)).body.problems.map((p: { field: string }) => p.field)).toEqual(['attestedWithinDays']);
  });

  it('filters the competencies a unit shows in the chart by their own evidence', async () => {
    const shown = (await chart('at=2022-06-01&evidence=carried-forward')).units.find((u) => u.unitId === 'sindaco') as Unit & { competencies: unknown[] };
    expect(shown.competencies).toHaveLength(1);
    const units = (await chart('at=2022-06-01&evidence=carried-forward,enacted')).units as (Unit & { competencies: unknown[] })[];
    expect(units.find((u) => u.unitId === 'sindaco')!.competencies).toHaveLength(1);
  });

  it('says the basis of each diff row: an inferred rename is never an act\'s change; the end of attestations is a row', async () => {

    const r = await api.get(`${ORG}/org-chart/diff?from=2020-06-01&to=2021-06-01`);
    expect(r.status).toBe(200);
    const rename = r.body.changes.find((c: { change: string }) => c.change === 'unit-renamed');
    expect(rename).toMatchObject({ unitId: 'cultura', from: 'Area Cultura', to: 'Area Cultura e Turismo', basis: { status: 'inferred', actId: null, sourceIds: ['articolo-2016', 'pdo-2020'] } });
    expect(r.body.changes.find((c: { unitId: string }) => c.unitId === 'sindaco')).toMatchObject({
      change: 'evidence-changed', from: 'attested', to: 'carried-forward', events: [], basis: { status: 'carried-forward', actId: null, sourceIds: ['pdo-2020'] },
    });
    const enacted = await api.get(`${ORG}/org-chart/diff?from=2018-06-01&to=2019-06-01&provenance=true`);
    expect(enacted.status).toBe(200);
    const dg = enacted.body.changes.find((c: { change: string; unitId: string }) => c.change === 'unit-established' && c.unitId === 'dg');
    expect(dg.basis).toEqual({ status: 'enacted', actId: 'DG-2018-1', sourceIds: ['DG-2018-1'] });
    expect(dg.events[0]).toHaveProperty('provenance', null);
  });

  describe('attestations', () => {
    let attested: { position: number };

    beforeAll(async () => {
      attested = (await accepted(api.post(`${ORG}/attestations`, {
        sourceId: 'organigramma-2023',
        units: [
          { unitId: 'sindaco', name: 'Ufficio del Sindaco', parentId: 'dg' }, // already standing
          { unitId: 'cultura', parentId: null }, // contradicts the state (cultura is under dg)
          { unitId: 'stampa', name: 'Ufficio Stampa', kind: 'ufficio', parentId: 'dg' }, // new: established as attested
          { unitId: 'dg' },
        ],
        heads: [{ unitId: 'sindaco', person: 'Anna Rossi', title: 'Dirigente' }],
      }))).body;
    });

    it('of an already-standing fact adds evidence and changes nothing else in the answer', async () => {
      const before = (await api.get(`${ORG}/org-chart?at=2023-05-01&asOfPosition=${beforeAttestation}`)).body.units as Unit[];
      const after = (await chart('at=2023-05-01')).units;
      expect(withoutEvidence(after.filter((u) => u.unitId !== 'stampa'))).toEqual(withoutEvidence(before));
      const sindaco = after.find((u) => u.unitId === 'sindaco')!;
      expect(before.find((u) => u.unitId === 'sindaco')!.evidence.status).toBe('carried-forward');
      // Its kind was stated only by the 2020 plan: the unit (weakest of its parts) is carried forward from 2020; name and parent are shown on 2023-05-01.
      expect(sindaco.evidence).toMatchObject({ status: 'carried-forward', firstAttestedOn: '2020-01-01', sources: ['pdo-2020', 'organigramma-2023'] });
      const head = (await api.get(`${ORG}/units/sindaco?at=2023-05-01`)).body.unit.head;
      expect(head.evidence).toEqual({ status: 'attested', firstAttestedOn: '2020-01-01', lastAttestedOn: '2023-05-01', sources: ['pdo-2020', 'organigramma-2023'] });
      // Enacted stays enacted and lists the later source too.
      expect(after.find((u) => u.unitId === 'dg')!.evidence).toEqual({ status: 'enacted', firstAttestedOn: null, lastAttestedOn: null, sources: ['DG-2018-1'] });
    });

    it('records a contradiction as the source\'s view: shown as a conflict, never applied', async () => {
      const cultura = (await unit('cultura', 'at=2023-05-01'))!;
      expect(cultura.parentId).toBe('dg');
      expect(cultura.evidence.conflicts).toEqual([{ field: 'parentId', value: null, sourceId: 'organigramma-2023', from: '2023-05-01', to: '2023-05-01' }]);
    });

    it('establishes a unit it names that did not exist, as attested on its date', async () => {
      expect((await unit('stampa', 'at=2023-05-01'))!.evidence).toEqual({ status: 'attested', firstAttestedOn: '2023-05-01', lastAttestedOn: '2023-05-01', sources: ['organigramma-2023'] });
      expect(await unit('stampa', 'at=2023-04-30')).toBeUndefined();
    });

    it('lets a complete-structure source say which units of its scope it does not list — never a dissolution', async () => {
      const units = (await chart('at=2023-05-01')).units;
      expect(units.find((u) => u.unitId === 'partecipate')!.evidence.notAttestedBy).toBeUndefined(); // outside its scope (not under dg)
      expect(units.find((u) => u.unitId === 'sindaco')!.evidence.notAttestedBy).toBeUndefined();
      const musei = units.find((u) => u.unitId === 'musei')!;
      expect(musei.evidence).toEqual({ status: 'enacted', firstAttestedOn: null, lastAttestedOn: null, sources: ['DG-2019-2'], notAttestedBy: ['organigramma-2023'] });
      // On a date the organigramma does not cover, it says nothing.
      expect((await unit('musei', 'at=2023-05-02'))!.evidence.notAttestedBy).toBeUndefined();
      expect((await chart('at=2023-05-01')).coverage).toEqual({ status: 'covered', sources: ['organigramma-2023', 'DG-2018-1', 'DG-2019-2'] });
    });

    it('keeps the answers as known before the attestation unchanged', async () => {
      const old = (await api.get(`${ORG}/org-chart?at=2023-05-01&asOfPosition=${beforeAttestation}`)).body.units as Unit[];
      expect(attested.position).toBeGreaterThan(beforeAttestation);
      expect(old.map((u) => u.unitId)).not.toContain('stampa');
      expect(old.find((u) => u.unitId === 'cultura')!.evidence.conflicts).toBeUndefined();
    });

    it('shows in the unit history how each change is known, the attestation included (it changes no attribute)', async () => {
      const history = (await api.get(`${ORG}/units/sindaco/history`)).body.history as { type: string; basis: unknown; changes: unknown[] }[];
      expect(history.map((e) => [e.type, e.basis])).toEqual([
        ['UnitEstablished', { status: 'attested', sourceIds: ['pdo-2020'], period: { from: '2020-01-01', to: '2020-12-31' } }],
        ['CompetencyAssigned', { status: 'attested', sourceIds: ['pdo-2020'], period: { from: '2020-01-01', to: '2020-12-31' } }],
        ['HeadAppointed', { status: 'attested', sourceIds: ['pdo-2020'], period: { from: '2020-01-01', to: '2020-12-31' } }],
        ['FactsAttested', { status: 'attested', sourceIds: ['organigramma-2023'], period: { from: '2023-05-01', to: '2023-05-01' } }],
      ]);
      expect(history.at(-1)!.changes).toEqual([]);
      const csv = String((await api.get(`${ORG}/units/sindaco/history?format=csv`)).body).split(/\r?\n/);
      const columns = csv[0]!.split(',');
      expect(csv[1]!.split(',')[columns.indexOf('basisStatus')]).toBe('attested');
      expect(csv[1]!.split(',')[columns.indexOf('basisSourceIds')]).toBe('pdo-2020');
    });

    it('lists in the registry what each source attests, enacts, announces or grounds', async () => {
      const r = await api.get(`${ORG}/sources`);
      expect(r.status).toBe(200);
      const byId = Object.fromEntries(r.body.sources.map((s: { sourceId: string; facts: unknown }) => [s.sourceId, s.facts]));
      expect(byId['organigramma-2023']).toEqual({ enacted: [], attested: ['unit:stampa', 'unit:sindaco', 'unit:cultura', 'unit:dg', 'head:sindaco'], announced: [], inferred: [] });
      expect(byId['articolo-2016']).toEqual({ enacted: [], attested: [], announced: ['unit:partecipate'], inferred: ['unit:cultura'] });
      const one = await api.get('/api/v1/sources/articolo-2016');
      expect(one.body.source).toMatchObject({ sourceId: 'articolo-2016', orgId: 'milano', kind: 'articolo', legalEffect: false, issuedOn: '2016-07-01', period: null, scope: { kind: 'mentions', rootUnitId: null } });
      expect((await api.get('/api/v1/sources/nope')).status).toBe(404);
    });

    it('refuses an attestation that names no registered source, or a new unit without its name, naming the field and changing nothing', async () => {
      const position = (await api.get(`${ORG}/org-chart`)).body.position;
      const unknown = await api.post(`${ORG}/attestations`, { sourceId: 'nope', units: [{ unitId: 'dg' }] });
      expect(unknown.status).toBe(422);
      expect(unknown.body.problems.map((p: { field: string }) => p.field)).toEqual(['sourceId']);
      const nameless = await api.post(`${ORG}/attestations`, { sourceId: 'pdo-2020', units: [{ unitId: 'nuova', kind: 'area' }] });
      expect(nameless.status).toBe(422);
      expect(nameless.body.problems.map((p: { field: string }) => p.field)).toEqual(['units/0/name']);
      const both = await api.post(`${ORG}/attestations`, { sourceId: 'pdo-2020', on: '2020-01-01', period: { from: '2020-01-01', to: '2020-02-01' }, units: [{ unitId: 'dg' }] });
      expect(both.status).toBe(400);
      expect((await api.get(`${ORG}/org-chart`)).body.position).toBe(position);
    });
  });

  describe('the source registry', () => {
    it('is idempotent by id: the same registration again is 200 with the original result, another one 409', async () => {
      const body = { sourceId: 'delibera-1', orgId: 'milano', title: 'Delibera 1', kind: 'delibera', issuedOn: '2024-01-10' };
      const first = await accepted(api.post('/api/v1/sources', body));
      expect(first.headers.get('location')).toBe('/api/v1/sources/delibera-1');
      const again = await accepted(api.post('/api/v1/sources', body), 200);
      expect(again.body).toEqual(first.body);
      const clash = await api.post('/api/v1/sources', { ...body, title: 'Another' });
      expect(clash.status).toBe(409);
      expect((await api.get('/api/v1/sources/delibera-1')).body.source.legalEffect).toBe(true);
    });

    it('refuses a source without a date, for an unknown org, or an unregistered source on a reorganisation', async () => {
      const undated = await api.post('/api/v1/sources', { sourceId: 'x', orgId: 'milano', title: 'X', kind: 'report' });
      expect(undated.status).toBe(400);
      expect(undated.body.problems.map((p: { field: string }) => p.field)).toEqual(['issuedOn']);
      expect((await api.post('/api/v1/sources', { sourceId: 'y', orgId: 'nope', title: 'Y', kind: 'report', issuedOn: '2024-01-01' })).status).toBe(404);
      const reorg = await api.post(`${ORG}/reorganizations`, { sourceId: 'nope', effectiveFrom: '2024-01-01', changes: [{ op: 'rename', unitId: 'dg', name: 'DG' }] });
      expect(reorg.status).toBe(422);
      expect(reorg.body.problems.map((p: { field: string }) => p.field)).toEqual(['sourceId']);
      const noAct = await api.post(`${ORG}/reorganizations`, { effectiveFrom: '2024-01-01', changes: [{ op: 'rename', unitId: 'dg', name: 'DG' }] });
      expect(noAct.status).toBe(400);
      const enactedWithoutAct = await api.post(`${ORG}/reorganizations`, { sourceId: 'pdo-2020', basis: 'enacted', effectiveFrom: '2020-02-01', changes: [{ op: 'rename', unitId: 'dg', name: 'DG' }] });
      expect(enactedWithoutAct.body.problems.map((p: { field: string }) => p.field)).toEqual(['basis']);
      const inferredWithoutReason = await api.post(`${ORG}/reorganizations`, { sourceId: 'pdo-2020', basis: 'inferred', effectiveFrom: '2020-02-01', changes: [{ op: 'rename', unitId: 'dg', name: 'DG' }] });
      expect(inferredWithoutReason.body.problems.map((p: { field: string }) => p.field)).toEqual(['basisReason']);
    });
  });

  describe('the PDO', () => {
    beforeAll(async () => {
      await accepted(api.post('/api/v1/sources', { sourceId: 'pdo-2024', orgId: 'milano', title: 'PDO 2024-2026', kind: 'piano', period: { from: '2024-01-01', to: '2026-12-31' } }));
      await accepted(api.post(`${ORG}/objectives`, {
        objectiveId: 'ob1', unitId: 'dg', title: 'Pagare prima', years: { '2024': 'Pagare in 40 giorni', '2027': 'Pagare in 20 giorni' },
        indicators: [{ indicatorId: 'ob1.i1', description: 'Giorni', target: 40 }], effectiveFrom: '2024-01-01', sourceId: 'pdo-2024',
      }));
    });

    it('gives each objective, statement and target its evidence, and the answer its coverage', async () => {
      const r = (await api.get(`${ORG}/pdo?year=2024&at=2024-06-01`)).body;
      // Only the objectives' sources count for the PDO's coverage (the acts of the chart are not in this answer).
      expect(r.coverage).toEqual({ status: 'covered', sources: ['pdo-2024'] });
      const attested = { status: 'attested', firstAttestedOn: '2024-01-01', lastAttestedOn: '2026-12-31', sources: ['pdo-2024'] };
      expect(r.objectives[0]).toMatchObject({ objectiveId: 'ob1', evidence: attested, titleEvidence: attested, yearsEvidence: { '2024': attested } });
      expect(r.objectives[0].indicators[0].evidence).toEqual(attested);
      const late = (await api.get(`${ORG}/pdo?year=2027&at=2027-03-01`)).body;
      expect(late.coverage).toEqual({ status: 'uncovered', sources: [] });
      expect(late.objectives[0].evidence).toMatchObject({ status: 'carried-forward', lastAttestedOn: '2026-12-31' });
      expect((await api.get(`${ORG}/pdo?year=2027&at=2027-03-01&evidence=attested`)).body.objectives).toEqual([]);
    });

    it('records measurements with a basis: attested on their day by their source by default, announced or inferred as stated, never enacted without an act', async () => {
      const measure = (body: object) => api.post(`${ORG}/indicators/ob1.i1/measurements`, body);
      await accepted(measure({ value: 30, measuredAt: '2024-02-29' }));
      await accepted(measure({ value: 35, measuredAt: '2024-03-31', sourceId: 'pdo-2024' }));
      await accepted(measure({ value: 38, measuredAt: '2024-04-30', basis: 'inferred', basisReason: 'read off a chart in the plan', inferredFrom: ['pdo-2024'] }));
      await accepted(measure({ value: 39, measuredAt: '2024-05-31', sourceId: 'pdo-2024', attestedPeriod: { from: '2024-05-01', to: '2024-06-30' } }));
      const list = (await api.get(`${ORG}/indicators/ob1.i1/measurements`)).body.measurements as { measuredAt: string; evidence: unknown }[];
      expect(list.map((m) => [m.measuredAt, m.evidence])).toEqual([
        ['2024-02-29', { status: 'attested', firstAttestedOn: '2024-02-29', lastAttestedOn: '2024-02-29', sources: [] }],
        // The source's period is 2024-2026, but a measurement is a value on its day.
        ['2024-03-31', { status: 'attested', firstAttestedOn: '2024-03-31', lastAttestedOn: '2024-03-31', sources: ['pdo-2024'] }],
        ['2024-04-30', { status: 'inferred', firstAttestedOn: null, lastAttestedOn: null, sources: ['pdo-2024'] }],
        ['2024-05-31', { status: 'attested', firstAttestedOn: '2024-05-01', lastAttestedOn: '2024-06-30', sources: ['pdo-2024'] }],
      ]);
      const latest = async (at: string) => (await api.get(`${ORG}/pdo?year=2024&at=${at}`)).body.objectives.find((o: { objectiveId: string }) => o.objectiveId === 'ob1').indicators[0].latest;
      expect((await latest('2024-04-15')).evidence).toEqual({ status: 'carried-forward', firstAttestedOn: '2024-03-31', lastAttestedOn: '2024-03-31', sources: ['pdo-2024'] });
      expect((await latest('2024-05-10')).evidence.status).toBe('inferred');
      expect((await latest('2024-06-15')).evidence).toMatchObject({ status: 'attested', lastAttestedOn: '2024-06-30' });
      expect((await latest('2024-07-01')).evidence.status).toBe('carried-forward');
      const csv = parse(String((await api.get(`${ORG}/indicators/ob1.i1/measurements?format=csv`)).body), { bom: true }) as string[][];
      expect(csv.slice(1).map((r) => r[csv[0]!.indexOf('evidenceStatus')])).toEqual(['attested', 'attested', 'inferred', 'attested']);

      const position = (await api.get(`${ORG}/indicators/ob1.i1/measurements`)).body.position;
      const enacted = await measure({ value: 1, measuredAt: '2024-06-30', basis: 'enacted' });
      expect(enacted.status).toBe(422);
      expect(enacted.body.problems.map((p: { field: string }) => p.field)).toEqual(['basis']);
      const unknown = await measure({ value: 1, measuredAt: '2024-06-30', sourceId: 'nope' });
      expect(unknown.body.problems.map((p: { field: string }) => p.field)).toEqual(['sourceId']);
      const announcedWithoutSource = await measure({ value: 1, measuredAt: '2024-06-30', basis: 'announced' });
      expect(announcedWithoutSource.body.problems.map((p: { field: string }) => p.field)).toEqual(['sourceId']);
      const badBasis = await measure({ value: 1, measuredAt: '2024-06-30', basis: 'rumoured' });
      expect(badBasis.status).toBe(400);
      expect(badBasis.body.problems.map((p: { field: string }) => p.field)).toEqual(['basis']);
      expect((await api.get(`${ORG}/indicators/ob1.i1/measurements`)).body.position).toBe(position);
    });

    it('lets a complete-plan source covering `at` say which objectives of the org it does not list — never a withdrawal', async () => {
      await accepted(api.post('/api/v1/sources', { sourceId: 'pdo-2025', orgId: 'milano', title: 'PDO 2025', kind: 'piano', period: { from: '2025-01-01', to: '2025-12-31' }, scope: { kind: 'complete-plan' } }));
      const objective = (objectiveId: string, sourceId: string, years: Record<string, string>) => accepted(api.post(`${ORG}/objectives`, {
        objectiveId, unitId: 'dg', title: `Obiettivo ${objectiveId}`, years,
        indicators: [{ indicatorId: `${objectiveId}.i1`, description: 'Indicatore', target: 100 }], effectiveFrom: '2025-01-01', sourceId,
      }));
      await objective('ob2', 'pdo-2024', { '2025': 'Tutti i servizi online', '2026': 'Tutti i servizi online' });
      await objective('ob3', 'pdo-2025', { '2025': 'Sportello unico' });
      const r = (await api.get(`${ORG}/pdo?year=2025&at=2025-06-01`)).body;
      const byId = Object.fromEntries(r.objectives.map((o: { objectiveId: string; evidence: { notAttestedBy?: string[] } }) => [o.objectiveId, o.evidence]));
      expect(byId.ob2.notAttestedBy).toEqual(['pdo-2025']);
      expect(byId.ob3.notAttestedBy).toBeUndefined();
      // ob2 still stands, attested by its own plan: the complete plan's silence is evidence about that plan.
      expect(byId.ob2.status).toBe('attested');
      // Outside the complete plan's period it says nothing.
      expect((await api.get(`${ORG}/pdo?year=2026&at=2026-03-01`)).body.objectives.find((o: { objectiveId: string }) => o.objectiveId === 'ob2').evidence.notAttestedBy).toBeUndefined();
      const csv = String((await api.get(`${ORG}/pdo?year=2025&at=2025-06-01&format=csv`)).body).split(/\r?\n/);
      const columns = csv[0]!.split(',');
      const row = csv.find((l) => l.startsWith('2025,ob2,'))!.split(',');
      expect(row[columns.indexOf('evidenceNotAttestedBy')]).toBe('pdo-2025');
    });
  });
  describe('an attestation of a known unit on a date it is not active', () => {
    let attestationPosition = 0;

    beforeAll(async () => {
      await accepted(api.post(`${ORG}/reorganizations`, {
        act: { id: 'DG-2019-3', kind: 'delibera' }, effectiveFrom: '2019-03-01',
        changes: [{ op: 'establish', unitId: 'archivio', name: 'Archivio', kind: 'unita', parentId: 'dg' }],
      }));
      await accepted(api.post(`${ORG}/reorganizations`, { act: { id: 'DG-2021-1', kind: 'delibera' }, effectiveFrom: '2021-01-01', changes: [{ op: 'dissolve', unitId: 'archivio' }] }));
      await accepted(api.post(`${ORG}/reorganizations`, {
        act: { id: 'DG-2024-9', kind: 'delibera' }, effectiveFrom: '2030-01-01',
        changes: [{ op: 'establish', unitId: 'futura', name: 'Direzione Futura', kind: 'direzione' }],
      }));
      await accepted(api.post('/api/v1/sources', { sourceId: 'elenco-2024', orgId: 'milano', title: 'Elenco uffici 2024', kind: 'report', issuedOn: '2024-03-01' }));
      const attestation = await accepted(api.post(`${ORG}/attestations`, {
        sourceId: 'elenco-2024',
        units: [{ unitId: 'archivio', name: 'Archivio' }, { unitId: 'futura' }, { unitId: 'dg' }],
      }));
      attestationPosition = attestation.body.position;
    });

    it('is recorded but never applied: the unit stays dissolved (or not yet established) on that date', async () => {
      const units = (await chart('at=2024-03-01')).units.map((u) => u.unitId);
      expect(units).not.toContain('archivio');
      expect(units).not.toContain('futura');
      expect((await api.get(`${ORG}/units/archivio?at=2020-06-01`)).body.unit.evidence.conflicts).toBeUndefined();
    });

    it('answers the unit on that date with a 404 naming `at` that states the conflict, not a 500', async () => {
      for (const unitId of ['archivio', 'futura']) {
        const r = await api.get(`${ORG}/units/${unitId}?at=2024-03-01`);
        expect(r.status).toBe(404);
        expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(r.body.problems).toEqual([{ field: 'at', message: `conflict: source elenco-2024 shows unit ${unitId} standing from 2024-03-01 to 2024-03-01, a date it is not active on` }]);
      }
      // On a date the source does not speak of, a plain 404; as known before the attestation, no conflict either.
      expect((await api.get(`${ORG}/units/archivio?at=2024-03-02`)).body.problems).toEqual([]);
      expect((await api.get(`${ORG}/units/archivio?at=2024-03-01&asOfPosition=${attestationPosition - 1}`)).body.problems).toEqual([]);
    });

    it('marks the attestation in the unit history as a conflict, and only for the units not active', async () => {
      const entryOf = async (unitId: string) => ((await api.get(`${ORG}/units/${unitId}/history`)).body.history as { type: string; conflicts?: unknown[] }[]).filter((e) => e.type === 'FactsAttested').at(-1)!;
      const conflict = { field: 'active', value: true, sourceId: 'elenco-2024', from: '2024-03-01', to: '2024-03-01' };
      expect((await entryOf('archivio')).conflicts).toEqual([conflict]);
      expect((await entryOf('futura')).conflicts).toEqual([conflict]);
      expect((await entryOf('dg')).conflicts).toBeUndefined();
    });

    it('lists the conflicts with each source in the registry', async () => {
      const sources = (await api.get(`${ORG}/sources`)).body.sources as { sourceId: string; conflicts: unknown[] }[];
      const elenco = sources.find((s) => s.sourceId === 'elenco-2024')!;
      expect(elenco.conflicts).toEqual([
        { entity: 'unit:archivio', field: 'active', value: true, sourceId: 'elenco-2024', from: '2024-03-01', to: '2024-03-01' },
        { entity: 'unit:futura', field: 'active', value: true, sourceId: 'elenco-2024', from: '2024-03-01', to: '2024-03-01' },
      ]);
      expect(sources.find((s) => s.sourceId === 'organigramma-2023')!.conflicts).toEqual([]);
      expect((await api.get('/api/v1/sources/elenco-2024')).body.source.conflicts).toHaveLength(2);
    });

    it('exports the registry as CSV with stable English columns, the facts and the conflicts included', async () => {
      const response = await api.get(`${ORG}/sources?format=csv`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows = parse(String(response.body), { bom: true }) as string[][];
      const [header, ...data] = rows;
      expect(header!.slice(0, 22)).toEqual([
        'sourceId', 'orgId', 'title', 'kind', 'legalEffect', 'issuedOn', 'periodFrom', 'periodTo',
        'dateQualifierKind', 'dateQualifierReason', 'locationFile', 'locationLines', 'locationUrl',
        'scopeKind', 'scopeRootUnitId', 'registeredAt', 'position',
        'factsEnacted', 'factsAttested', 'factsAnnounced', 'factsInferred', 'conflicts',
      ]);
      const json = (await api.get(`${ORG}/sources`)).body.sources as { sourceId: string }[];
      expect(data.map((r) => r[0])).toEqual(json.map((s) => s.sourceId));
      const row = (id: string) => Object.fromEntries(header!.map((column, i) => [column, data.find((r) => r[0] === id)![i]]));
      expect(row('elenco-2024')).toMatchObject({ issuedOn: '2024-03-01', periodFrom: '', scopeKind: 'mentions', factsAttested: 'unit:archivio | unit:futura | unit:dg', conflicts: 'unit:archivio active=true (2024-03-01..2024-03-01) | unit:futura active=true (2024-03-01..2024-03-01)' });
      expect(row('articolo-2016')).toMatchObject({ dateQualifierKind: 'approximate', dateQualifierReason: 'undated article', factsAnnounced: 'unit:partecipate', factsInferred: 'unit:cultura' });
      expect(row('organigramma-2023')).toMatchObject({ scopeKind: 'complete-structure', scopeRootUnitId: 'dg', conflicts: '' });
      expect((await api.get(`${ORG}/sources?format=pdf`)).status).toBe(400);
    });
  });
});
