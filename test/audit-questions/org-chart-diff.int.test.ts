/**
 * "What changed in the org chart between two dates, and which act did it?" — given a small
 * history of three acts, the diff between two dates lists each changed attribute once, with
 * the events (and acts) whose effective date falls in (from, to].
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

interface Change {
  change: string;
  unitId: string | null;
  competencyId: string | null;
  from: string | null;
  to: string | null;
  events: { act: { id: string } | null; effectiveFrom: string; type: string; position: number; eventId: string; recordedAt: string }[];
}
const summary = (changes: Change[]) => changes.map((c) => [c.change, c.unitId ?? c.competencyId, c.from, c.to, c.events.map((e) => e.act?.id)]);

describe('GET /orgs/:org/org-chart/diff between two dates', () => {
  let app: TestApp;
  let api: ApiClient;
  const reorg = (act: string, effectiveFrom: string, changes: unknown[]) => accepted(api.post('/api/v1/orgs/comune/reorganizations', { act: { id: act }, effectiveFrom, changes }));
  const diff = (query: string) => api.get(`/api/v1/orgs/comune/org-chart/diff?${query}`);

  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'comune', name: 'Comune' }));
    await reorg('DG-2019', '2019-01-01', [
      { op: 'establish', unitId: 'dir', name: 'Direzione Generale', kind: 'area' },
      { op: 'establish', unitId: 'gab', name: 'Gabinetto', kind: 'settore', parentId: 'dir' },
      { op: 'establish', unitId: 'uff', name: 'Ufficio Stampa', kind: 'ufficio', parentId: 'gab' },
      { op: 'assign-competency', unitId: 'gab', competencyId: 'c-old', text: 'Cerimoniale' },
      { op: 'assign-competency', unitId: 'uff', competencyId: 'c-stampa', text: 'Comunicati stampa' },
      { op: 'appoint-head', unitId: 'gab', person: 'Mario Rossi', title: 'Capo di Gabinetto' },
    ]);
    await reorg('DG-2020-RENAME', '2020-02-01', [{ op: 'rename', unitId: 'dir', name: 'Direzione Centrale' }]);
    await reorg('DG-2020', '2020-03-01', [
      { op: 'rename', unitId: 'gab', name: 'Gabinetto del Sindaco' },
      { op: 'move', unitId: 'uff', parentId: 'dir' },
      { op: 'reclassify', unitId: 'uff', kind: 'servizio' },
      { op: 'appoint-head', unitId: 'gab', person: 'Anna Bianchi', title: 'Capo di Gabinetto' },
      { op: 'establish', unitId: 'cult', name: 'Cultura', kind: 'area', parentId: 'dir' },
      { op: 'assign-competency', unitId: 'cult', competencyId: 'c-musei', text: 'Musei civici' },
      { op: 'transfer-competency', competencyId: 'c-stampa', fromUnitId: 'uff', toUnitId: 'dir' },
      { op: 'withdraw-competency', unitId: 'gab', competencyId: 'c-old' },
    ]);
    await reorg('DG-2020-BACK', '2020-04-01', [{ op: 'rename', unitId: 'dir', name: 'Direzione Generale' }]);
    await reorg('DG-2021', '2021-01-01', [{ op: 'dissolve', unitId: 'uff' }]);
  });
  afterAll(() => app.close());

  it('lists every changed attribute with the act that changed it, and names its basis', async () => {
    const r = await diff('from=2019-06-01&to=2020-12-31');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ compare: 'valid-time', from: '2019-06-01', to: '2020-12-31' });
    expect(r.body.position).toBeGreaterThanOrEqual(0);
    expect(summary(r.body.changes)).toEqual([
      ['unit-renamed', 'gab', 'Gabinetto', 'Gabinetto del Sindaco', ['DG-2020']],
      ['unit-moved', 'uff', 'gab', 'dir', ['DG-2020']],
      ['unit-reclassified', 'uff', 'ufficio', 'servizio', ['DG-2020']],
      ['head-changed', 'gab', 'Mario Rossi (Capo di Gabinetto)', 'Anna Bianchi (Capo di Gabinetto)', ['DG-2020']],
      ['unit-established', 'cult', null, 'Cultura', ['DG-2020']],
      ['competency-assigned', 'cult', null, 'cult', ['DG-2020']],
      ['competency-moved', 'dir', 'uff', 'dir', ['DG-2020']],
      ['competency-withdrawn', 'gab', 'gab', null, ['DG-2020']],
    ]);
  });

  it('gives each responsible event its id, position, effective date and recording instant', async () => {
    const r = await diff('from=2019-06-01&to=2020-12-31');
    const renamed = (r.body.changes as Change[]).find((c) => c.change === 'unit-renamed')!;
    const history = await api.get('/api/v1/orgs/comune/units/gab/history');
    const renameEvent = history.body.history.find((e: { type: string }) => e.type === 'UnitRenamed');
    expect(renamed.events).toEqual([
      expect.objectContaining({ eventId: renameEvent.eventId, position: renameEvent.position, effectiveFrom: '2020-03-01', recordedAt: renameEvent.recordedAt, type: 'UnitRenamed' }),
    ]);
  });

  it('does not report a value changed and changed back within the window', async () => {
    const r = await diff('from=2019-06-01&to=2020-12-31');
    expect((r.body.changes as Change[]).filter((c) => c.unitId === 'dir' && c.change === 'unit-renamed')).toEqual([]);
    const inBetween = await diff('from=2020-01-01&to=2020-02-15');
    expect(summary(inBetween.body.changes)).toEqual([['unit-renamed', 'dir', 'Direzione Generale', 'Direzione Centrale', ['DG-2020-RENAME']]]);
  });

  it('reports a dissolution only once its effective date is inside the window', async () => {
    const r = await diff('from=2020-12-31&to=2021-06-01');
    expect(summary(r.body.changes)).toEqual([['unit-dissolved', 'uff', 'Ufficio Stampa', null, ['DG-2021']]]);
  });

  it('answers the same window as known before the later acts were recorded', async () => {
    const history = await api.get('/api/v1/orgs/comune/units/dir/history');
    const beforeBackRename = history.body.history.find((e: { act: { id: string } }) => e.act.id === 'DG-2020-BACK').position - 1;
    const r = await diff(`from=2019-06-01&to=2020-12-31&asOfPosition=${beforeBackRename}`);
    expect(r.body.position).toBe(beforeBackRename);
    expect(summary(r.body.changes)).toContainEqual(['unit-renamed', 'dir', 'Direzione Generale', 'Direzione Centrale', ['DG-2020-RENAME']]);
  });

  it('is empty between a date and itself', async () => {
    const r = await diff('from=2020-03-01&to=2020-03-01');
    expect(r.body.changes).toEqual([]);
  });

  it('refuses a half-given or mixed window, naming the field', async () => {
    const cases: [string, string][] = [
      ['from=2020-01-01', 'to'],
      ['to=2020-01-01', 'from'],
      ['', 'from'],
      ['from=2021-01-01&to=2020-01-01', 'from'],
      ['from=2020-01-01&to=2021-01-01&asKnownTo=2024-01-01T00:00:00Z', 'asKnownTo'],
      ['from=2020-01-01&to=2021-01-01&at=2020-06-01', 'at'],
      ['asKnownFrom=2024-01-01T00:00:00Z', 'asKnownTo'],
      ['asKnownFrom=2024-01-01T00:00:00Z&asKnownTo=2024-02-01T00:00:00Z&asKnownAt=2024-01-01T00:00:00Z', 'asKnownAt'],
      ['asKnownFrom=2024-03-01T00:00:00Z&asKnownTo=2024-02-01T00:00:00Z', 'asKnownFrom'],
      ['asKnownFrom=2024-01-01T00:00:00Z&asOfPositionFrom=1&asOfPositionTo=3', 'asOfPositionFrom'],
      ['from=2020-13-01&to=2021-01-01', 'from'],
      ['from=2020-01-01&to=2021-01-01&colour=red', 'colour'],
    ];
    for (const [query, field] of cases) {
      const r = await diff(query);
      expect([query, r.status, r.contentType]).toEqual([query, 400, expect.stringContaining('application/problem+json')]);
      expect(r.body.problems.map((p: { field: string }) => p.field), query).toContain(field);
    }
  });

  it('is 404 for an unknown org', async () => {
    const r = await api.get('/api/v1/orgs/nessuno/org-chart/diff?from=2020-01-01&to=2021-01-01');
    expect(r.status).toBe(404);
  });
});
