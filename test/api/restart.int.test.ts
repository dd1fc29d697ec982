/** Scenario 5: a restart on the same data directory gives the same answers, and positions go on. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from '../support/start-test-app.ts';
import { accepted, apiClient } from './api-client.ts';

const base = '/api/v1/orgs/milano';
const VIEWS = [
  '/api/v1/orgs',
  `${base}/org-chart?at=2019-06-01`,
  `${base}/org-chart?at=2021-06-01&shape=tree`,
  `${base}/org-chart?at=2019-12-31&asKnownAt=2024-02-15T00:00:00Z`,
  `${base}/org-chart?at=2019-12-31&asOfPosition=4`,
  `${base}/units/gab?at=2020-06-01`,
  `${base}/units/gab/history`,
  `${base}/pdo?year=2024&at=2024-12-31`,
  `${base}/pdo?year=2025&at=2025-03-01&unitId=dg`,
  `${base}/objectives/ob1?at=2024-12-31`,
  `${base}/objectives/ob1/history`,
  `${base}/indicators/ind1/measurements?from=2024-01-01`,
];

describe('restart on the same data (scenario 5)', () => {
  const time = manualClock('2024-01-10T09:00:00.000Z');
  let dataDir: string;
  let app: TestApp | undefined;

  const answers = async (url: string) => {
    const api = apiClient(url);
    const out: Record<string, unknown> = {};
    for (const view of VIEWS) {
      const r = await api.get(view);
      out[view] = { status: r.status, etag: r.headers.get('etag'), body: r.body };
    }
    return out;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orgtrail-api-restart-'));
  });

  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers the same JSON after closing and reopening the store', async () => {
    app = await startTestApp({ dataDir, clock: time.clock });
    const api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' })); // 1
    await accepted(
      api.post(`${base}/reorganizations`, {
        act: { id: 'A1' },
        effectiveFrom: '2019-01-01',
        changes: [
          { op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' }, // 2
          { op: 'establish', unitId: 'gab', name: 'Gabinetto', kind: 'area' }, // 3
          { op: 'assign-competency', unitId: 'gab', competencyId: 'c1', text: 'Cerimoniale' }, // 4
        ],
      }),
    );
    time.set('2024-02-01T10:00:00.000Z');
    await accepted(api.post(`${base}/reorganizations`, { act: { id: 'A2' }, effectiveFrom: '2020-01-01', changes: [{ op: 'rename', unitId: 'gab', name: 'Gabinetto del Sindaco' }] })); // 5
    time.set('2024-03-01T10:00:00.000Z');
    await accepted(api.post(`${base}/reorganizations`, { act: { id: 'A3' }, effectiveFrom: '2019-06-01', changes: [{ op: 'move', unitId: 'gab', parentId: 'dg' }] })); // 6
    await accepted(
      api.post(`${base}/objectives`, {
        objectiveId: 'ob1',
        unitId: 'dg',
        title: 'Ridurre i tempi di pagamento',
        years: { '2024': 'Pagare in 40 giorni', '2025': 'Pagare in 30 giorni' },
        indicators: [{ indicatorId: 'ind1', description: 'Giorni medi', unit: 'giorni', target: 40 }],
        effectiveFrom: '2024-01-01',
      }),
    ); // 7, 8
    await accepted(api.post(`${base}/indicators/ind1/measurements`, { value: 45, measuredAt: '2024-06-30' })); // 9
    time.set('2024-04-01T00:00:00.000Z');

    const first = await answers(app.url);
    expect(Object.values(first).map((a) => (a as { status: number }).status)).toEqual(VIEWS.map(() => 200));
    expect((first[`${base}/units/gab?at=2020-06-01`] as { body: unknown }).body).toEqual({
      at: '2020-06-01',
      asKnownAt: '2024-04-01T00:00:00.000Z',
      position: 9,
      coverage: { status: 'covered', sources: ['A2', 'A1', 'A3'] },
      unit: {
        unitId: 'gab', name: 'Gabinetto del Sindaco', kind: 'area', parentId: 'dg', head: null,
        competencies: [{ competencyId: 'c1', text: 'Cerimoniale', evidence: { status: 'enacted', firstAttestedOn: null, lastAttestedOn: null, sources: ['A1'] } }],
        evidence: { status: 'enacted', firstAttestedOn: null, lastAttestedOn: null, sources: ['A2', 'A1', 'A3'] },
      },
    });
    await app.close();
    app = undefined;

    app = await startTestApp({ dataDir, clock: time.clock });
    expect(await answers(app.url)).toEqual(first);

    // Appending goes on from the last position.
    const next = await apiClient(app.url, { token: app.adminToken }).post(`${base}/reorganizations`, { act: { id: 'A4' }, effectiveFrom: '2022-01-01', changes: [{ op: 'reclassify', unitId: 'gab', kind: 'direzione' }] });
    expect(next.body).toMatchObject({ position: 10, revision: 6 });
  });
});
