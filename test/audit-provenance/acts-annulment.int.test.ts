/**
 * Acts (list, one act with every change it produced) and their annulment: from the annulment's
 * position on, the read models answer as if the act's events never existed, for every `at`;
 * as known before it, nothing changes. A later change left invalid (a competency assigned to a
 * unit only the annulled act created) is retracted too and reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACT_2019, ACT_LATER, BASE, startScenario, T2, T3, T4, type Scenario } from './audit-scenario.ts';

const enacted = (...acts: string[]) => ({ status: 'enacted', firstAttestedOn: null, lastAttestedOn: null, sources: acts });

const ANNULLING_ACT = { id: 'TAR-2024-9', kind: 'sentenza', date: '2024-07-25' };
const names = (units: { unitId: string; name: string }[]) => units.map((u) => [u.unitId, u.name]);

describe('acts', () => {
  let s: Scenario;

  beforeAll(async () => {
    s = await startScenario();
  });
  afterAll(() => s.app.close());

  it('lists every act with its first effective date and number of events', async () => {
    const r = await s.api.get(`${BASE}/acts`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ at: null, position: 13, asKnownAt: T3 });
    expect(r.body.acts).toEqual([
      { actId: 'DG-2019-1', kind: 'delibera', date: '2018-12-20', title: 'Macrostruttura', url: null, firstEffectiveFrom: '2019-01-01', eventCount: 4, annulled: null },
      { actId: 'PDO-2024', kind: 'delibera', date: null, title: null, url: null, firstEffectiveFrom: '2024-01-01', eventCount: 2, annulled: null },
      { actId: 'DG-2024-50', kind: 'delibera', date: '2024-05-30', title: 'Area Cultura e Turismo', url: 'https://example.org/dg-2024-50', firstEffectiveFrom: '2024-06-01', eventCount: 3, annulled: null },
      { actId: 'DG-2024-80', kind: 'determina', date: null, title: null, url: null, firstEffectiveFrom: '2024-07-01', eventCount: 2, annulled: null },
    ]);
    expect((await s.api.get(`${BASE}/acts?asOfPosition=5`)).body.acts.map((a: { actId: string }) => a.actId)).toEqual(['DG-2019-1']);
  });

  it('shows one act with every change it produced, across streams, in (effectiveFrom, position) order', async () => {
    const r = await s.api.get(`${BASE}/acts/DG-2024-50`);
    expect(r.status).toBe(200);
    const recordedBy = r.body.changes[0].recordedBy;
    expect(r.body.act).toMatchObject({ actId: 'DG-2024-50', eventCount: 3, annulled: null });
    expect(r.body.changes).toEqual([
      { streamId: 'org-milano', position: 8, effectiveFrom: '2024-06-01', recordedAt: T2, recordedBy, type: 'UnitRenamed', data: { unitId: 'cultura', name: 'Area Cultura e Turismo' } },
      { streamId: 'org-milano', position: 9, effectiveFrom: '2024-06-01', recordedAt: T2, recordedBy, type: 'UnitEstablished', data: { unitId: 'turismo', name: 'Unità Turismo', kind: 'unita', parentId: 'cultura' } },
      { streamId: 'objective-milano.ob1', position: 10, effectiveFrom: '2024-06-01', recordedAt: T2, recordedBy, type: 'ObjectiveRevised', data: { objectiveId: 'ob1', years: { '2025': 'Aprire 5 musei' }, reason: null } },
    ]);
    expect(r.body.invalidatedChanges).toEqual([]);
  });

  it('finds an act whose id needs URL-encoding, and answers 404 for an unknown act or one not yet known', async () => {
    expect((await s.api.get(`${BASE}/acts/${encodeURIComponent(ACT_2019.id)}`)).status).toBe(200);
    const unknown = await s.api.get(`${BASE}/acts/DG-1999-0`);
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
    expect((await s.api.get(`${BASE}/acts/DG-2024-50?asOfPosition=7`)).status).toBe(404);
  });
});

describe('annulment of an act', () => {
  let s: Scenario;
  let annulment: Awaited<ReturnType<Scenario['api']['post']>>;
  const annul = (actId: string, body: unknown) => s.api.post(`${BASE}/acts/${encodeURIComponent(actId)}/annul`, body);

  beforeAll(async () => {
    s = await startScenario();
    s.time.set(T4);
    annulment = await annul('DG-2024-50', { reason: 'Annullata dal TAR Lombardia', act: ANNULLING_ACT });
  });
  afterAll(() => s.app.close());

  it('appends ActAnnulled in the org stream and reports the later change it invalidated', async () => {
    expect(annulment.status).toBe(201);
    // Org stream revisions: 0 OrgRegistered, 1-4 DG-2019-1, 5-6 DG-2024-50, 7-8 DG-2024-80, 9 the annulment.
    expect(annulment.body).toMatchObject({ position: 14, revision: 9 });
    expect(annulment.headers.get('etag')).toBe('"9"');
    expect(annulment.body.invalidatedChanges).toEqual([
      { position: 11, actId: 'DG-2024-80', reason: 'refers to unit turismo, which the annulled act DG-2024-50 created', type: 'CompetencyAssigned', streamId: 'org-milano', effectiveFrom: '2024-07-01' },
    ]);
    const act = await s.api.get(`${BASE}/acts/DG-2024-50`);
    expect(act.body.act.annulled).toEqual({ by: 'TAR-2024-9', act: ANNULLING_ACT, reason: 'Annullata dal TAR Lombardia', position: 14, recordedAt: T4, recordedBy: act.body.changes[0].recordedBy });
    expect(act.body.invalidatedChanges).toEqual(annulment.body.invalidatedChanges);
    expect(act.body.changes).toHaveLength(3);
  });

  it('answers the org chart, for every date, as if the act never existed — as known from the annulment on', async () => {
    for (const at of ['2024-06-15', '2025-01-01']) {
      const r = await s.api.get(`${BASE}/org-chart?at=${at}`);
      expect(names(r.body.units)).toEqual([['dg', 'Direzione Generale'], ['cultura', 'Area Cultura']]);
    }
    const cultura = await s.api.get(`${BASE}/units/cultura?at=2024-09-01`);
    // The head appointed by DG-2024-80 stands: it refers to cultura, which the annulled act did not create.
    // With the rename annulled, every fact of cultura is enacted by the 2019 act again.
    expect(cultura.body.unit).toEqual({
      unitId: 'cultura', name: 'Area Cultura', kind: 'area', parentId: 'dg',
      competencies: [{ competencyId: 'c-musei', text: 'Gestione dei musei civici', evidence: enacted(ACT_2019.id) }],
      head: { person: 'Luca Verdi', title: null, evidence: enacted(ACT_LATER.id) },
      evidence: enacted(ACT_2019.id),
    });
    expect((await s.api.get(`${BASE}/units/turismo/history`)).status).toBe(404);
  });

  it('leaves the answers as known before the annulment unchanged', async () => {
    for (const query of [`asKnownAt=${T3}`, 'asOfPosition=13']) {
      const r = await s.api.get(`${BASE}/org-chart?at=2024-09-01&${query}`);
      expect(names(r.body.units)).toEqual([['dg', 'Direzione Generale'], ['cultura', 'Area Cultura e Turismo'], ['turismo', 'Unità Turismo']]);
      expect(r.body.units[2].competencies).toEqual([{ competencyId: 'c-tur', text: 'Promozione turistica', evidence: enacted(ACT_LATER.id) }]);
      const pdo = await s.api.get(`${BASE}/pdo?year=2025&at=2024-09-01&${query}`);
      expect(pdo.body.objectives.map((o: { title: string }) => o.title)).toEqual(['Aprire 5 musei']);
      const act = await s.api.get(`${BASE}/acts/DG-2024-50?${query}`);
      expect(act.body.act.annulled).toBeNull();
      expect(act.body.invalidatedChanges).toEqual([]);
    }
  });

  it('retracts the PDO change the act made: the 2025 statement is the one before it', async () => {
    const pdo = await s.api.get(`${BASE}/pdo?year=2025&at=2024-09-01`);
    expect(pdo.body.objectives.map((o: { title: string }) => o.title)).toEqual(['Aprire 4 musei']);
    const history = await s.api.get(`${BASE}/objectives/ob1/history`);
    expect(history.body.history.map((e: { position: number }) => e.position)).toEqual([6, 7]);
    const provenance = await s.api.get(`${BASE}/objectives/ob1?at=2024-09-01&provenance=true`);
    expect(provenance.body.objective.provenance.years['2025']).toMatchObject({ position: 6, type: 'ObjectiveDefined' });
  });

  it('leaves the annulled and invalidated events out of histories as known after it, keeping them before', async () => {
    const after = await s.api.get(`${BASE}/units/cultura/history`);
    expect(after.body.history.map((e: { position: number }) => e.position)).toEqual([3, 4, 12]);
    const before = await s.api.get(`${BASE}/units/cultura/history?asOfPosition=13`);
    expect(before.body.history.map((e: { position: number }) => e.position)).toEqual([3, 4, 8, 9, 12]);
  });

  it('lists the annulment in the acts, with the annulling act as an act of its own', async () => {
    const r = await s.api.get(`${BASE}/acts`);
    const byId = Object.fromEntries(r.body.acts.map((a: { actId: string }) => [a.actId, a]));
    expect(byId['DG-2024-50'].annulled).toMatchObject({ by: 'TAR-2024-9', recordedAt: T4, position: 14 });
    expect(byId['TAR-2024-9']).toMatchObject({ kind: 'sentenza', date: '2024-07-25', eventCount: 1, firstEffectiveFrom: '2024-07-25', annulled: null });
    // The act of the invalidated change is not annulled: it keeps its events, one of them retracted.
    expect(byId['DG-2024-80']).toMatchObject({ eventCount: 2, annulled: null });
  });

  it('refuses to annul again (409), an unknown act (404), a bad body (400 naming the field), an act annulling itself (422); and appends nothing', async () => {
    const again = await annul('DG-2024-50', { reason: 'di nuovo', act: { id: 'TAR-2024-10' } });
    expect(again.status).toBe(409);
    expect((await annul('DG-1999-0', { reason: 'x', act: { id: 'TAR-2024-10' } })).status).toBe(404);
    const bad = await annul('DG-2019-1', { reason: '', act: { kind: 'sentenza' } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field).sort()).toEqual(['act/id', 'reason']);
    const self = await annul('DG-2019-1', { reason: 'x', act: { id: 'DG-2019-1' } });
    expect(self.status).toBe(422);
    expect(self.body.problems).toEqual([expect.objectContaining({ field: 'act/id' })]);
    expect((await s.api.get('/api/v1/health')).body.position).toBe(14);
  });

  it('refuses a later change citing the annulled act (422 naming act/id), appending nothing', async () => {
    const r = await s.api.post(`${BASE}/reorganizations`, { act: { id: 'DG-2024-50' }, effectiveFrom: '2024-10-01', changes: [{ op: 'rename', unitId: 'dg', name: 'DG' }] });
    expect(r.status).toBe(422);
    expect(r.body.problems).toEqual([expect.objectContaining({ field: 'act/id' })]);
    expect((await s.api.get('/api/v1/health')).body.position).toBe(14);
  });

  it('makes a unit the annulled act created unknown to later commands', async () => {
    const r = await s.api.post(`${BASE}/reorganizations`, { act: { id: 'DG-2024-120' }, effectiveFrom: '2024-10-01', changes: [{ op: 'rename', unitId: 'turismo', name: 'Turismo' }] });
    expect(r.status).toBe(422);
    expect(r.body.problems).toEqual([expect.objectContaining({ field: 'changes/0/unitId', message: 'unknown unit turismo' })]);
  });
});
