/**
 * "What did we learn between two instants about one date?" — the org chart and PDO on a
 * fixed date, as known at two instants: the diff lists what was recorded in between with an
 * effective date on or before that date (corrections, late recordings), and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { manualClock, startTestApp, type TestApp } from '../support/start-test-app.ts';

const base = '/api/v1/orgs/comune';
const summary = (changes: { change: string; unitId?: string; objectiveId?: string; from: string | null; to: string | null; events: { act: { id: string } | null; recordedAt: string }[] }[]) =>
  changes.map((c) => [c.change, c.objectiveId ?? c.unitId, c.from, c.to, c.events.map((e) => [e.act?.id, e.recordedAt])]);

describe('diffs between two instants (system time) at one date', () => {
  const time = manualClock('2024-01-10T09:00:00.000Z');
  let app: TestApp;
  let api: ApiClient;
  const reorg = (act: string, effectiveFrom: string, changes: unknown[]) => accepted(api.post(`${base}/reorganizations`, { act: { id: act }, effectiveFrom, changes }));

  beforeAll(async () => {
    app = await startTestApp({ clock: time.clock });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'comune', name: 'Comune' }));
    await reorg('ORG', '2019-01-01', [
      { op: 'establish', unitId: 'gab', name: 'Gabinetto', kind: 'settore' },
      { op: 'establish', unitId: 'uff', name: 'Ufficio', kind: 'ufficio', parentId: 'gab' },
    ]);
    await accepted(api.post(`${base}/objectives`, { objectiveId: 'o1', unitId: 'gab', title: 'o1', years: { '2020': 'Statement' }, effectiveFrom: '2020-01-01', act: { id: 'PDO' } }));
    time.set('2024-02-01T10:00:00.000Z');
    // A correction learned on 2024-02-01: the rename really took effect in 2019.
    await reorg('RETTIFICA', '2019-06-01', [{ op: 'rename', unitId: 'gab', name: 'Gabinetto del Sindaco' }]);
    await accepted(api.patch(`${base}/objectives/o1`, { years: { '2020': 'Statement corrected' }, effectiveFrom: '2020-02-01', act: { id: 'ERRATA' } }), 200);
    // Recorded in the same window, but effective after the date asked about: not learned "about" it.
    await reorg('FUTURE', '2024-03-01', [{ op: 'move', unitId: 'uff', parentId: null }]);
    time.set('2024-03-01T10:00:00.000Z');
    await reorg('LATER', '2019-06-01', [{ op: 'reclassify', unitId: 'uff', kind: 'servizio' }]);
  });
  afterAll(() => app.close());

  it('lists what was recorded between the two instants about the date, with when it was recorded', async () => {
    const r = await api.get(`${base}/org-chart/diff?at=2020-06-01&asKnownFrom=2024-01-15T00:00:00Z&asKnownTo=2024-02-15T00:00:00Z`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ compare: 'system-time', at: '2020-06-01', asKnownFrom: '2024-01-15T00:00:00.000Z', asKnownTo: '2024-02-15T00:00:00.000Z' });
    expect(r.body.positionTo).toBeGreaterThan(r.body.positionFrom);
    expect(summary(r.body.changes)).toEqual([['unit-renamed', 'gab', 'Gabinetto', 'Gabinetto del Sindaco', [['RETTIFICA', '2024-02-01T10:00:00.000Z']]]]);
  });

  it('does the same for the PDO of the year of `at`', async () => {
    const r = await api.get(`${base}/pdo/diff?at=2020-06-01&asKnownFrom=2024-01-15T00:00:00Z&asKnownTo=2024-02-15T00:00:00Z`);
    expect(r.body.year).toBe(2020);
    expect(summary(r.body.changes)).toEqual([['objective-restated', 'o1', 'Statement', 'Statement corrected', [['ERRATA', '2024-02-01T10:00:00.000Z']]]]);
  });

  it('takes exact positions instead of instants', async () => {
    const byInstant = await api.get(`${base}/org-chart/diff?at=2020-06-01&asKnownFrom=2024-01-15T00:00:00Z&asKnownTo=2024-03-15T00:00:00Z`);
    const { positionFrom, positionTo } = byInstant.body;
    const byPosition = await api.get(`${base}/org-chart/diff?at=2020-06-01&asOfPositionFrom=${positionFrom}&asOfPositionTo=${positionTo}`);
    expect(byPosition.body.changes).toEqual(byInstant.body.changes);
    expect(summary(byPosition.body.changes).map(([change, unitId]) => [change, unitId])).toEqual([
      ['unit-renamed', 'gab'],
      ['unit-reclassified', 'uff'],
    ]);
  });

  it('names the window end that is beyond the log', async () => {
    const r = await api.get(`${base}/org-chart/diff?at=2020-06-01&asOfPositionFrom=0&asOfPositionTo=99999`);
    expect(r.status).toBe(400);
    expect(r.body.problems.map((p: { field: string }) => p.field)).toEqual(['asOfPositionTo']);
  });
});
