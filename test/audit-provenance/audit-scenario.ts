/**
 * The scenario the provenance, history, acts and annulment tests share, built through the API
 * with a manual clock (so recordedAt and asKnownAt are known by hand). Positions:
 *   T1 2024-05-02  1 OrgRegistered
 *                  2-5 act DG-2019-1 (effective 2019-01-01; effectiveFrom approximate, parent of
 *                      cultura inferred): establish dg, establish cultura under dg, assign
 *                      c-musei to cultura, appoint Maria Bianchi head of dg
 *                  6-7 act PDO-2024 (effective 2024-01-01): objective ob1 of cultura (2024: "Aprire
 *                      3 musei", 2025: "Aprire 4 musei") and its indicator ob1.i1 (target 3)
 *   T2 2024-06-01  8-9 act DG-2024-50 (effective 2024-06-01): rename cultura "Area Cultura e
 *                      Turismo", establish turismo under cultura
 *                  10  act DG-2024-50: ob1's 2025 statement becomes "Aprire 5 musei"
 *   T3 2024-07-01  11-12 act DG-2024-80 (effective 2024-07-01): assign c-tur to turismo, appoint
 *                      Luca Verdi head of cultura
 *                  13  measurement of ob1.i1: 2 on 2024-06-30 (no act)
 * The annulment test appends, at T4, the annulment of DG-2024-50 (position 14).
 */
import { manualClock, startTestApp, type TestApp } from '../support/start-test-app.ts';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';

export const T1 = '2024-05-02T08:00:00.000Z';
export const T2 = '2024-06-01T08:00:00.000Z';
export const T3 = '2024-07-01T08:00:00.000Z';
export const T4 = '2024-08-01T08:00:00.000Z';
export const BASE = '/api/v1/orgs/milano';

export const SOURCE = { document: 'seeds/sources/002_esempio.txt', location: 'lines 3-9' };
export const APPROXIMATE_DATE = { kind: 'approximate', field: 'effectiveFrom', reason: 'the act is undated: first day of the year' };
export const INFERRED_PARENT = { kind: 'inferred', field: 'changes/1/parentId', reason: 'the document names no unit above the Area Cultura but the DG' };
export const ACT_2019 = { id: 'DG-2019-1', kind: 'delibera', title: 'Macrostruttura', date: '2018-12-20' };
export const ACT_PDO = { id: 'PDO-2024', kind: 'delibera' };
export const ACT_2024 = { id: 'DG-2024-50', kind: 'delibera', title: 'Area Cultura e Turismo', date: '2024-05-30', url: 'https://example.org/dg-2024-50' };
export const ACT_LATER = { id: 'DG-2024-80', kind: 'determina' };

export interface Scenario {
  app: TestApp;
  api: ApiClient;
  time: ReturnType<typeof manualClock>;
}

export async function startScenario(): Promise<Scenario> {
  const time = manualClock(T1);
  const app = await startTestApp({ clock: time.clock });
  const api = apiClient(app.url, { token: app.adminToken });
  await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
  await accepted(
    api.post(`${BASE}/reorganizations`, {
      act: ACT_2019,
      effectiveFrom: '2019-01-01',
      provenance: { source: SOURCE, qualifiers: [APPROXIMATE_DATE, INFERRED_PARENT] },
      changes: [
        { op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' },
        { op: 'establish', unitId: 'cultura', name: 'Area Cultura', kind: 'area', parentId: 'dg' },
        { op: 'assign-competency', unitId: 'cultura', competencyId: 'c-musei', text: 'Gestione dei musei civici' },
        { op: 'appoint-head', unitId: 'dg', person: 'Maria Bianchi', title: 'Direttrice Generale' },
      ],
    }),
  );
  await accepted(
    api.post(`${BASE}/objectives`, {
      objectiveId: 'ob1',
      unitId: 'cultura',
      title: 'Musei aperti',
      years: { '2024': 'Aprire 3 musei', '2025': 'Aprire 4 musei' },
      indicators: [{ indicatorId: 'ob1.i1', description: 'Musei aperti', unit: 'n', target: 3 }],
      effectiveFrom: '2024-01-01',
      act: ACT_PDO,
    }),
  );
  time.set(T2);
  await accepted(
    api.post(`${BASE}/reorganizations`, {
      act: ACT_2024,
      effectiveFrom: '2024-06-01',
      changes: [
        { op: 'rename', unitId: 'cultura', name: 'Area Cultura e Turismo' },
        { op: 'establish', unitId: 'turismo', name: 'Unità Turismo', kind: 'unita', parentId: 'cultura' },
      ],
    }),
  );
  await accepted(api.patch(`${BASE}/objectives/ob1`, { years: { '2025': 'Aprire 5 musei' }, effectiveFrom: '2024-06-01', act: ACT_2024 }), 200);
  time.set(T3);
  await accepted(
    api.post(`${BASE}/reorganizations`, {
      act: ACT_LATER,
      effectiveFrom: '2024-07-01',
      changes: [
        { op: 'assign-competency', unitId: 'turismo', competencyId: 'c-tur', text: 'Promozione turistica' },
        { op: 'appoint-head', unitId: 'cultura', person: 'Luca Verdi' },
      ],
    }),
  );
  await accepted(api.post(`${BASE}/indicators/ob1.i1/measurements`, { value: 2, measuredAt: '2024-06-30' }));
  return { app, api, time };
}

/** The raw body of a GET (for byte-for-byte comparisons). */
export async function rawGet(s: Scenario, path: string): Promise<string> {
  const response = await fetch(`${s.app.url}${path}`, { headers: { authorization: `Bearer ${s.app.adminToken}` } });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response.text();
}
