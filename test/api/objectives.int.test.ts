/**
 * Scenario 4: objectives with per-year statements, revisions under If-Match, withdrawal,
 * measurements and the PDO of a year at a date. Expected answers written by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from '../support/start-test-app.ts';
import { accepted, apiClient, type ApiClient } from './api-client.ts';

const NOW = '2025-03-10T09:00:00.000Z';
const base = '/api/v1/orgs/milano';
const enacted = (act: string) => ({ status: 'enacted', firstAttestedOn: null, lastAttestedOn: null, sources: [act] });
/** A measurement is shown on its measuredAt (attested) and carried forward after it (docs/evidence.md). */
const measured = (measuredAt: string, at: string) => ({
  status: measuredAt === at ? 'attested' : 'carried-forward', firstAttestedOn: measuredAt, lastAttestedOn: measuredAt, sources: [],
});
const indicator = (target: number, latest: { value: number; measuredAt: string } | null, at = '') => ({
  indicatorId: 'ind-opere',
  description: 'Opere digitalizzate',
  kind: 'RISULTATO',
  unit: 'n',
  target,
  evidence: enacted('DG-2024-10'),
  latest: latest && { ...latest, evidence: measured(latest.measuredAt, at) },
});
const provenance = { source: { document: 'PIAO 2024-2026', location: 'p. 12' }, qualifiers: [{ kind: 'approximate', field: 'effectiveFrom', reason: 'data desunta dal protocollo' }] };

describe('objectives, PDO and measurements (scenario 4)', () => {
  const time = manualClock(NOW);
  let app: TestApp;
  let api: ApiClient;
  const pdo = async (query: string) => (await api.get(`${base}/pdo?${query}`)).body;
  const titles = async (query: string) => (await pdo(query)).objectives.map((o: { objectiveId: string; title: string }) => [o.objectiveId, o.title]);

  beforeAll(async () => {
    app = await startTestApp({ clock: time.clock });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' })); // 1
    await accepted(
      api.post(`${base}/reorganizations`, {
        act: { id: 'A1' },
        effectiveFrom: '2019-01-01',
        changes: [
          { op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' }, // 2
          { op: 'establish', unitId: 'cultura', name: 'Area Cultura', kind: 'area', parentId: 'dg' }, // 3
        ],
      }),
    );
  });

  afterAll(() => app.close());

  it('defines an objective with statements for 2024, 2025 and 2027', async () => {
    const r = await api.post(`${base}/objectives`, {
      objectiveId: 'ob-digit',
      unitId: 'cultura',
      title: 'Digitalizzare il patrimonio',
      plan: 'PDO 2024-2026',
      years: { '2024': 'Digitalizzare 1.000 opere', '2025': 'Digitalizzare 5.000 opere', '2027': 'Completare il catalogo online' },
      links: [{ kind: 'DUP', code: '1.2', title: 'Cultura diffusa' }],
      indicators: [{ indicatorId: 'ind-opere', description: 'Opere digitalizzate', kind: 'RISULTATO', unit: 'n', target: 1000 }],
      effectiveFrom: '2024-01-01',
      act: { id: 'DG-2024-10', kind: 'delibera' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ position: 5, revision: 1 });
    expect(r.body.eventIds).toHaveLength(2);
    expect(r.headers.get('location')).toBe('/api/v1/orgs/milano/objectives/ob-digit');
    expect(r.headers.get('etag')).toBe('"1"');
  });

  it('defines an open objective (no years) with provenance', async () => {
    const r = await api.post(`${base}/objectives`, { objectiveId: 'ob-open', unitId: 'dg', title: 'Ridurre i tempi di pagamento', effectiveFrom: '2024-07-01', provenance });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ position: 6, revision: 0 });
    const history = await api.get(`${base}/objectives/ob-open/history`);
    expect(history.body.history).toHaveLength(1);
    expect(history.body.history[0]).toMatchObject({ type: 'ObjectiveDefined', effectiveFrom: '2024-07-01', position: 6, act: null, recordedBy: 'admin (bootstrap)', provenance, recordedAt: NOW });
  });

  it('records measurements (in any order of measuredAt)', async () => {
    const post = (json: unknown) => api.post(`${base}/indicators/ind-opere/measurements`, json);
    expect((await post({ value: 120, measuredAt: '2024-03-31' })).body).toMatchObject({ position: 7, revision: 0 });
    expect((await post({ value: 900, measuredAt: '2024-12-31' })).body).toMatchObject({ position: 8, revision: 1 });
    const third = await post({ value: 480, measuredAt: '2024-06-30', note: 'secondo trimestre', source: 'Relazione semestrale' });
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({ position: 9, revision: 2 });
  });

  it('answers the PDO of each year with that year\'s statement; a gap year is absent', async () => {
    expect(await pdo('year=2024&at=2024-06-01')).toMatchObject({ at: '2024-06-01', year: 2024, position: 9, asKnownAt: NOW });
    expect(await titles('year=2024&at=2024-06-01')).toEqual([['ob-digit', 'Digitalizzare 1.000 opere']]);
    expect(await titles('year=2024&at=2024-08-01')).toEqual([['ob-digit', 'Digitalizzare 1.000 opere'], ['ob-open', 'Ridurre i tempi di pagamento']]);
    expect(await titles('year=2025&at=2025-03-01')).toEqual([['ob-digit', 'Digitalizzare 5.000 opere'], ['ob-open', 'Ridurre i tempi di pagamento']]);
    expect(await titles('year=2026&at=2026-03-01')).toEqual([['ob-open', 'Ridurre i tempi di pagamento']]);
    expect(await titles('year=2027&at=2026-03-01')).toEqual([['ob-digit', 'Completare il catalogo online'], ['ob-open', 'Ridurre i tempi di pagamento']]);
    expect(await titles('year=2023&at=2024-08-01')).toEqual([]);
    // year defaults to the year of at
    expect(await pdo('at=2025-03-01')).toMatchObject({ year: 2025 });
    expect(await titles('at=2025-03-01&unitId=cultura')).toEqual([['ob-digit', 'Digitalizzare 5.000 opere']]);
    expect((await api.get(`${base}/pdo?unitId=nope`)).status).toBe(404);
    expect((await api.get(`${base}/pdo?year=1899`)).body.problems).toEqual([{ field: 'year', message: 'must be 1900 or later' }]);
    expect((await api.get(`${base}/pdo?year=20x5`)).status).toBe(400);
  });

  it('gives each indicator the last measurement on or before at', async () => {
    const ind = async (query: string) => (await pdo(query)).objectives[0].indicators;
    expect(await ind('year=2024&at=2024-03-30')).toEqual([indicator(1000, null)]);
    expect(await ind('year=2024&at=2024-06-01')).toEqual([indicator(1000, { value: 120, measuredAt: '2024-03-31' }, '2024-06-01')]);
    expect(await ind('year=2024&at=2024-06-30')).toEqual([indicator(1000, { value: 480, measuredAt: '2024-06-30' }, '2024-06-30')]);
    expect(await ind('year=2025&at=2025-03-01')).toEqual([indicator(1000, { value: 900, measuredAt: '2024-12-31' }, '2025-03-01')]);
    // as known before the third measurement was recorded
    expect(await ind('year=2024&at=2024-06-30&asOfPosition=8')).toEqual([indicator(1000, { value: 120, measuredAt: '2024-03-31' }, '2024-06-30')]);
  });

  it('lists measurements by measuredAt, within from/to', async () => {
    const all = await api.get(`${base}/indicators/ind-opere/measurements`);
    expect(all.body).toEqual({
      at: null,
      asKnownAt: NOW,
      position: 9,
      indicatorId: 'ind-opere',
      objectiveId: 'ob-digit',
      measurements: [
        { value: 120, measuredAt: '2024-03-31', note: null, source: null, recordedAt: NOW, position: 7, evidence: { status: 'attested', firstAttestedOn: '2024-03-31', lastAttestedOn: '2024-03-31', sources: [] } },
        { value: 480, measuredAt: '2024-06-30', note: 'secondo trimestre', source: 'Relazione semestrale', recordedAt: NOW, position: 9, evidence: { status: 'attested', firstAttestedOn: '2024-06-30', lastAttestedOn: '2024-06-30', sources: [] } },
        { value: 900, measuredAt: '2024-12-31', note: null, source: null, recordedAt: NOW, position: 8, evidence: { status: 'attested', firstAttestedOn: '2024-12-31', lastAttestedOn: '2024-12-31', sources: [] } },
      ],
    });
    const range = await api.get(`${base}/indicators/ind-opere/measurements?from=2024-04-01&to=2024-12-31`);
    expect(range.body.measurements.map((m: { value: number }) => m.value)).toEqual([480, 900]);
    expect((await api.get(`${base}/indicators/ind-opere/measurements?from=2024-12-31&to=2024-04-01`)).body.problems[0].field).toBe('from');
    expect((await api.get(`${base}/indicators/ind-nope/measurements`)).status).toBe(404);
  });

  it('answers one objective with its ETag; 404 before it holds', async () => {
    const r = await api.get(`${base}/objectives/ob-digit?at=2024-06-01`);
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toBe('"1"');
    expect(r.body).toEqual({
      at: '2024-06-01',
      asKnownAt: NOW,
      position: 9,
      objective: {
        objectiveId: 'ob-digit',
        unitId: 'cultura',
        title: 'Digitalizzare il patrimonio',
        status: 'active',
        plan: 'PDO 2024-2026',
        years: { '2024': 'Digitalizzare 1.000 opere', '2025': 'Digitalizzare 5.000 opere', '2027': 'Completare il catalogo online' },
        // Data v2 (issue 16): none given, so none shown.
        description: null,
        links: [{ kind: 'DUP', code: '1.2', title: 'Cultura diffusa' }],
        matrix: [],
        planItems: [],
        effectiveFrom: '2024-01-01',
        indicators: [indicator(1000, { value: 120, measuredAt: '2024-03-31' }, '2024-06-01')],
        revision: 1,
        evidence: enacted('DG-2024-10'),
        titleEvidence: enacted('DG-2024-10'),
        yearsEvidence: { '2024': enacted('DG-2024-10'), '2025': enacted('DG-2024-10'), '2027': enacted('DG-2024-10') },
      },
    });
    const early = await api.get(`${base}/objectives/ob-open?at=2024-03-01`);
    expect(early.status).toBe(404);
    expect(early.body.detail).toBe('objective ob-open is not yet defined on 2024-03-01: it holds from 2024-07-01');
    expect((await api.get(`${base}/objectives/ob-nope`)).status).toBe(404);
  });

  it('revises with a current If-Match (200, new ETag); a second revision with the old one is 412 and appends nothing', async () => {
    const etag = (await api.get(`${base}/objectives/ob-digit`)).headers.get('etag')!;
    expect(etag).toBe('"1"');
    const revision = {
      years: { '2025': 'Digitalizzare 6.000 opere' },
      indicators: [{ indicatorId: 'ind-opere', description: 'Opere digitalizzate', kind: 'RISULTATO', unit: 'n', target: 1200 }],
      effectiveFrom: '2024-09-01',
      reason: 'Rimodulazione',
      act: { id: 'DG-2024-99' },
    };
    const r = await api.patch(`${base}/objectives/ob-digit`, revision, { 'If-Match': etag });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ position: 11, revision: 3 });
    expect(r.body.eventIds).toHaveLength(2);
    expect(r.headers.get('etag')).toBe('"3"');

    const before = JSON.stringify(await app.store.readAll());
    const stale = await api.patch(`${base}/objectives/ob-digit`, { title: 'Altro', effectiveFrom: '2024-10-01' }, { 'If-Match': etag });
    expect(stale.status).toBe(412);
    expect(stale.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(await app.store.readAll())).toBe(before);
    expect(await app.store.headPosition()).toBe(11);
  });

  it('answers each year as it stood at `at`, before and after the revision', async () => {
    expect(await titles('year=2025&at=2024-08-01')).toEqual([['ob-digit', 'Digitalizzare 5.000 opere'], ['ob-open', 'Ridurre i tempi di pagamento']]);
    expect(await titles('year=2025&at=2025-03-01')).toEqual([['ob-digit', 'Digitalizzare 6.000 opere'], ['ob-open', 'Ridurre i tempi di pagamento']]);
    expect((await pdo('year=2024&at=2024-08-31')).objectives[0].indicators[0].target).toBe(1000);
    expect((await pdo('year=2024&at=2024-09-01')).objectives[0].indicators[0].target).toBe(1200);
    // as known before the revision was recorded
    expect(await titles('year=2025&at=2025-03-01&asOfPosition=9')).toEqual([['ob-digit', 'Digitalizzare 5.000 opere'], ['ob-open', 'Ridurre i tempi di pagamento']]);
    expect((await api.get(`${base}/objectives/ob-digit?asOfPosition=9`)).headers.get('etag')).toBe('"1"');
  });

  it('withdraws from 2025-06-01: in the PDO on 2025-03-01, out of it on 2025-07-01', async () => {
    const r = await api.post(`${base}/objectives/ob-digit/withdraw`, { effectiveFrom: '2025-06-01', reason: 'Obiettivo superato', act: { id: 'DG-2025-5' } }, { 'If-Match': '3' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ position: 12, revision: 4 });
    expect(r.headers.get('etag')).toBe('"4"');
    expect(await titles('year=2025&at=2025-03-01')).toEqual([['ob-digit', 'Digitalizzare 6.000 opere'], ['ob-open', 'Ridurre i tempi di pagamento']]);
    expect(await titles('year=2025&at=2025-07-01')).toEqual([['ob-open', 'Ridurre i tempi di pagamento']]);
    const withdrawn = await api.get(`${base}/objectives/ob-digit?at=2025-07-01`);
    expect(withdrawn.body.objective.status).toBe('withdrawn');
    const again = await api.post(`${base}/objectives/ob-digit/withdraw`, { effectiveFrom: '2025-08-01', reason: 'Di nuovo' });
    expect(again.status).toBe(422);
    expect(again.body.problems.map((p: { field: string }) => p.field)).toEqual(['effectiveFrom']);
  });

  it('lists the objective history by effective date, then position', async () => {
    const r = await api.get(`${base}/objectives/ob-digit/history`);
    expect(r.body.history.map((e: { type: string; effectiveFrom: string; revision: number; position: number }) => [e.type, e.effectiveFrom, e.revision, e.position])).toEqual([
      ['ObjectiveDefined', '2024-01-01', 0, 4],
      ['IndicatorDefined', '2024-01-01', 1, 5],
      ['ObjectiveRevised', '2024-09-01', 2, 10],
      ['IndicatorTargetRevised', '2024-09-01', 3, 11],
      ['ObjectiveWithdrawn', '2025-06-01', 4, 12],
    ]);
    expect(r.body.history[2]).toMatchObject({ act: { id: 'DG-2024-99' }, change: { objectiveId: 'ob-digit', years: { '2025': 'Digitalizzare 6.000 opere' }, reason: 'Rimodulazione' } });
    expect((await api.get(`${base}/objectives/ob-digit/history?asOfPosition=9`)).body.history).toHaveLength(2);
  });

  it('accepts If-Match: * for an existing objective', async () => {
    const r = await api.patch(`${base}/objectives/ob-open`, { title: 'Ridurre i tempi medi di pagamento', effectiveFrom: '2025-01-01' }, { 'If-Match': '*' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ revision: 1 });
    expect(await titles('year=2025&at=2025-03-01')).toEqual([['ob-digit', 'Digitalizzare 6.000 opere'], ['ob-open', 'Ridurre i tempi medi di pagamento']]);
  });
});
