/**
 * Scenarios 1 and 2: the org chart over valid time (establish 2019, rename 2020, move 2021)
 * and over system time (a backdated move is only seen as known after it was recorded).
 * Every expected answer is written out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from '../support/start-test-app.ts';
import { accepted, apiClient, type ApiClient } from './api-client.ts';

/** Every fact here is enacted by acts: its evidence lists them (name's, kind's, parent's act, once each). */
const enacted = (...acts: string[]) => ({ status: 'enacted', firstAttestedOn: null, lastAttestedOn: null, sources: acts });
const MACRO = 'DG-2018-1200';
const dg = (head = true) => ({
  unitId: 'dg', name: 'Direzione Generale', kind: 'direzione', parentId: null, competencies: [],
  head: head ? { person: 'Maria Bianchi', title: 'Direttrice Generale', evidence: enacted(MACRO) } : null,
  evidence: enacted(MACRO),
});
const cultura = (name = 'Area Cultura') => ({ unitId: 'cultura', name, kind: 'area', parentId: 'dg', competencies: [], head: null, evidence: name === 'Area Cultura' ? enacted(MACRO) : enacted('DG-2020-77', MACRO) });
const musei = (parentId = 'cultura') => ({
  unitId: 'musei', name: 'Unità Musei', kind: 'unita', parentId,
  competencies: [{ competencyId: 'c-musei', text: 'Gestione dei musei civici', evidence: enacted(MACRO) }],
  head: null,
  evidence: parentId === 'cultura' ? enacted(MACRO) : enacted(MACRO, 'DG-2020-300'),
});
const gab = { unitId: 'gab', name: 'Gabinetto del Sindaco', kind: 'area', parentId: null, competencies: [], head: null, evidence: enacted(MACRO) };

describe('org chart over valid time (scenario 1)', () => {
  const time = manualClock('2024-05-02T08:00:00.000Z');
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp({ clock: time.clock });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
    const first = await accepted(
      api.post('/api/v1/orgs/milano/reorganizations', {
        act: { id: 'DG-2018-1200', kind: 'delibera', title: 'Macrostruttura', date: '2018-12-20' },
        effectiveFrom: '2019-01-01',
        changes: [
          { op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' },
          { op: 'establish', unitId: 'cultura', name: 'Area Cultura', kind: 'area', parentId: 'dg' },
          { op: 'establish', unitId: 'musei', name: 'Unità Musei', kind: 'unita', parentId: 'cultura' },
          { op: 'establish', unitId: 'gab', name: 'Gabinetto del Sindaco', kind: 'area', parentId: null },
          { op: 'assign-competency', unitId: 'musei', competencyId: 'c-musei', text: 'Gestione dei musei civici' },
          { op: 'appoint-head', unitId: 'dg', person: 'Maria Bianchi', title: 'Direttrice Generale' },
        ],
      }),
    );
    // OrgRegistered is position 1 / revision 0; the six changes are positions 2..7 / revisions 1..6.
    expect(first.body).toMatchObject({ position: 7, revision: 6 });
    expect(first.body.eventIds).toHaveLength(6);
    expect(first.headers.get('etag')).toBe('"6"');
    await accepted(
      api.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'DG-2020-77' }, effectiveFrom: '2020-03-01', changes: [{ op: 'rename', unitId: 'cultura', name: 'Area Cultura e Turismo' }] }, { 'If-Match': '"6"' }),
    );
    // If-Match also accepts a bare revision and a weak ETag.
    await accepted(
      api.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'DG-2020-300' }, effectiveFrom: '2021-01-01', changes: [{ op: 'move', unitId: 'musei', parentId: 'gab' }] }, { 'If-Match': 'W/"7"' }),
    );
  });

  afterAll(() => app.close());

  it('lists the org', async () => {
    const r = await api.get('/api/v1/orgs');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ at: null, asKnownAt: '2024-05-02T08:00:00.000Z', position: 9, orgs: [{ orgId: 'milano', name: 'Comune di Milano', registeredAt: '2024-05-02T08:00:00.000Z' }] });
  });

  it('answers the chart as established on 2019-06-01', async () => {
    const r = await api.get('/api/v1/orgs/milano/org-chart?at=2019-06-01');
    expect(r.status).toBe(200);
    // The org stream's revision (the If-Match of a reorganisation), then the answer's basis hash.
    expect(r.headers.get('etag')).toMatch(/^W\/"8\.[\w-]+"$/);
    expect(r.body).toEqual({
      at: '2019-06-01', asKnownAt: '2024-05-02T08:00:00.000Z', position: 9,
      coverage: { status: 'covered', sources: [MACRO] },
      units: [dg(), cultura(), musei(), gab],
    });
  });

  it('answers the rename on 2020-06-01 and the move on 2021-06-01', async () => {
    expect((await api.get('/api/v1/orgs/milano/org-chart?at=2020-06-01')).body.units).toEqual([dg(), cultura('Area Cultura e Turismo'), musei(), gab]);
    expect((await api.get('/api/v1/orgs/milano/org-chart?at=2021-06-01')).body.units).toEqual([dg(), cultura('Area Cultura e Turismo'), musei('gab'), gab]);
  });

  it('has no units before the first act, and defaults at to today in Rome', async () => {
    const before = (await api.get('/api/v1/orgs/milano/org-chart?at=2018-12-31')).body;
    expect(before.units).toEqual([]);
    // No act holds and no source covers the date: said, not left as a plain empty chart.
    expect(before.coverage).toEqual({ status: 'uncovered', sources: [] });
    const today = await api.get('/api/v1/orgs/milano/org-chart');
    expect(today.body.at).toBe('2024-05-02');
    expect(today.body.units).toEqual([dg(), cultura('Area Cultura e Turismo'), musei('gab'), gab]);
  });

  it('nests the tree by the parents on each date', async () => {
    const t2019 = await api.get('/api/v1/orgs/milano/org-chart?at=2019-06-01&shape=tree');
    expect(t2019.body.units).toEqual([
      { ...dg(), children: [{ ...cultura(), children: [{ ...musei(), children: [] }] }] },
      { ...gab, children: [] },
    ]);
    const t2021 = await api.get('/api/v1/orgs/milano/org-chart?at=2021-06-01&shape=tree');
    expect(t2021.body.units).toEqual([
      { ...dg(), children: [{ ...cultura('Area Cultura e Turismo'), children: [] }] },
      { ...gab, children: [{ ...musei('gab'), children: [] }] },
    ]);
  });

  it('answers one unit on a date, 404 when unknown or not active then', async () => {
    const r = await api.get('/api/v1/orgs/milano/units/musei?at=2020-06-01');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ at: '2020-06-01', asKnownAt: '2024-05-02T08:00:00.000Z', position: 9, coverage: { status: 'covered', sources: [MACRO] }, unit: musei() });
    const before = await api.get('/api/v1/orgs/milano/units/musei?at=2018-06-01');
    expect(before.status).toBe(404);
    expect(before.contentType).toMatch(/^application\/problem\+json/);
    expect(before.body.detail).toBe('unit musei is not active on 2018-06-01 (not yet established, or dissolved)');
    expect((await api.get('/api/v1/orgs/milano/units/nope')).status).toBe(404);
    expect((await api.get('/api/v1/orgs/nope/units/musei')).status).toBe(404);
    expect((await api.get('/api/v1/orgs/nope/org-chart')).status).toBe(404);
  });

  it('lists a unit history by effective date with act, recorder and change', async () => {
    const r = await api.get('/api/v1/orgs/milano/units/musei/history');
    expect(r.status).toBe(200);
    expect(r.body.at).toBeNull();
    const history = r.body.history as Record<string, unknown>[];
    expect(history.map((e) => [e.effectiveFrom, e.position, e.type])).toEqual([
      ['2019-01-01', 4, 'UnitEstablished'],
      ['2019-01-01', 6, 'CompetencyAssigned'],
      ['2021-01-01', 9, 'UnitMoved'],
    ]);
    expect(history[2]).toMatchObject({
      effectiveFrom: '2021-01-01',
      recordedAt: '2024-05-02T08:00:00.000Z',
      position: 9,
      revision: 8,
      streamId: 'org-milano',
      act: { id: 'DG-2020-300' },
      recordedBy: 'admin (bootstrap)',
      provenance: null,
      change: { unitId: 'musei', parentId: 'gab' },
    });
    expect(typeof history[2]!.eventId).toBe('string');
    expect(history[2]).not.toHaveProperty('data');
  });
});

describe('org chart over system time: a backdated move (scenario 2)', () => {
  const time = manualClock('2024-01-10T09:00:00.000Z');
  let app: TestApp;
  let api: ApiClient;
  const T1 = '2024-02-01T10:00:00.000Z';
  const T2 = '2024-03-01T10:00:00.000Z';

  beforeAll(async () => {
    app = await startTestApp({ clock: time.clock });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' })); // position 1
    await accepted(
      api.post('/api/v1/orgs/milano/reorganizations', {
        act: { id: 'A1' },
        effectiveFrom: '2019-01-01',
        changes: [
          { op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' }, // 2
          { op: 'establish', unitId: 'cultura', name: 'Area Cultura', kind: 'area', parentId: 'dg' }, // 3
          { op: 'establish', unitId: 'gab', name: 'Gabinetto', kind: 'area' }, // 4
        ],
      }),
    );
    time.set(T1);
    await accepted(api.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'A2' }, effectiveFrom: '2020-01-01', changes: [{ op: 'rename', unitId: 'gab', name: 'Gabinetto del Sindaco' }] })); // 5
    time.set(T2);
    await accepted(api.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'A3' }, effectiveFrom: '2019-06-01', changes: [{ op: 'move', unitId: 'gab', parentId: 'dg' }] })); // 6
    time.set('2024-04-01T00:00:00.000Z');
  });

  afterAll(() => app.close());

  const gabOn2019 = (parentId: string | null) => ({
    unitId: 'gab', name: 'Gabinetto', kind: 'area', parentId, competencies: [], head: null,
    evidence: enacted(...(parentId === null ? ['A1'] : ['A1', 'A3'])),
  });

  it('shows the old parent as known before the backdated append', async () => {
    const r = await api.get('/api/v1/orgs/milano/org-chart?at=2019-12-31&asKnownAt=2024-02-15T00:00:00Z');
    expect(r.status).toBe(200);
    expect(r.body.asKnownAt).toBe('2024-02-15T00:00:00.000Z');
    expect(r.body.position).toBe(5);
    expect(r.body.units.find((u: { unitId: string }) => u.unitId === 'gab')).toEqual(gabOn2019(null));
    // Not taken at the head: a basis ETag for If-None-Match only, with no revision to use as If-Match.
    expect(r.headers.get('etag')).toMatch(/^W\/"[\w-]+"$/);
  });

  it('shows the new parent as known at or after it', async () => {
    const r = await api.get(`/api/v1/orgs/milano/org-chart?at=2019-12-31&asKnownAt=${encodeURIComponent('2024-03-01T11:00:00+01:00')}`);
    expect(r.body).toMatchObject({ at: '2019-12-31', asKnownAt: T2, position: 6 });
    expect(r.body.units.find((u: { unitId: string }) => u.unitId === 'gab')).toEqual(gabOn2019('dg'));
    const now = await api.get('/api/v1/orgs/milano/org-chart?at=2019-12-31&shape=tree');
    expect(now.body).toMatchObject({ asKnownAt: '2024-04-01T00:00:00.000Z', position: 6 });
    expect(now.body.units).toEqual([
      {
        unitId: 'dg', name: 'Direzione Generale', kind: 'direzione', parentId: null, competencies: [], head: null, evidence: enacted('A1'),
        children: [
          { unitId: 'cultura', name: 'Area Cultura', kind: 'area', parentId: 'dg', competencies: [], head: null, evidence: enacted('A1'), children: [] },
          { ...gabOn2019('dg'), children: [] },
        ],
      },
    ]);
  });

  it('answers the same with asOfPosition, reporting the recorded instant of that position', async () => {
    const before = await api.get('/api/v1/orgs/milano/units/gab?at=2019-12-31&asOfPosition=5');
    expect(before.body).toEqual({ at: '2019-12-31', asKnownAt: T1, position: 5, coverage: { status: 'covered', sources: ['A1'] }, unit: gabOn2019(null) });
    const after = await api.get('/api/v1/orgs/milano/units/gab?at=2019-12-31&asOfPosition=6');
    expect(after.body).toEqual({ at: '2019-12-31', asKnownAt: T2, position: 6, coverage: { status: 'covered', sources: ['A1', 'A3'] }, unit: gabOn2019('dg') });
  });

  it('keeps the move out of the days before its effective date', async () => {
    const r = await api.get('/api/v1/orgs/milano/units/gab?at=2019-05-31');
    expect(r.body.unit.parentId).toBeNull();
  });

  it('orders the history by effective date, and filters it by asKnownAt', async () => {
    const all = await api.get('/api/v1/orgs/milano/units/gab/history');
    expect(all.body.history.map((e: { type: string; effectiveFrom: string; position: number; recordedAt: string }) => [e.type, e.effectiveFrom, e.position, e.recordedAt])).toEqual([
      ['UnitEstablished', '2019-01-01', 4, '2024-01-10T09:00:00.000Z'],
      ['UnitMoved', '2019-06-01', 6, T2],
      ['UnitRenamed', '2020-01-01', 5, T1],
    ]);
    const known = await api.get('/api/v1/orgs/milano/units/gab/history?asKnownAt=2024-02-15T00:00:00Z');
    expect(known.body.position).toBe(5);
    expect(known.body.history.map((e: { type: string }) => e.type)).toEqual(['UnitEstablished', 'UnitRenamed']);
  });

  it('knows nothing of the org before it was registered', async () => {
    const r = await api.get('/api/v1/orgs/milano/org-chart?asKnownAt=2024-01-01T00:00:00Z');
    expect(r.status).toBe(404);
    expect((await api.get('/api/v1/orgs?asKnownAt=2024-01-01T00:00:00Z')).body).toEqual({ at: null, asKnownAt: '2024-01-01T00:00:00.000Z', position: -1, orgs: [] });
  });

  it('rejects malformed or conflicting time parameters with 400 naming them', async () => {
    const cases: [string, string][] = [
      ['asKnownAt=2024-02-15T00:00:00Z&asOfPosition=5', 'asOfPosition'],
      ['asOfPosition=99', 'asOfPosition'],
      ['asOfPosition=-2', 'asOfPosition'],
      ['asOfPosition=1.5', 'asOfPosition'],
      ['asKnownAt=2024-02-15', 'asKnownAt'],
      ['asKnownAt=2024-02-15T00:00:00', 'asKnownAt'],
      ['asKnownAt=2023-02-29T00:00:00Z', 'asKnownAt'],
      ['at=2019-02-30', 'at'],
      ['at=2019-6-1', 'at'],
      ['at=2019-06-01&at=2019-07-01', 'at'],
      ['asknownat=2024-02-15T00:00:00Z', 'asknownat'],
      ['shape=forest', 'shape'],
    ];
    for (const [query, field] of cases) {
      const r = await api.get(`/api/v1/orgs/milano/org-chart?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.contentType, query).toMatch(/^application\/problem\+json/);
      expect(r.body.problems.map((p: { field: string }) => p.field), query).toContain(field);
    }
  });
});
