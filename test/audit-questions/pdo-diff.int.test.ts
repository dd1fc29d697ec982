/**
 * "What changed in the PDO between two dates, and which act did it?" — given objectives
 * defined, restated, reassigned, withdrawn and dropped from a year by separate acts, the diff
 * of a plan year lists each difference with the act responsible.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

interface Change {
  change: string;
  objectiveId: string;
  indicatorId: string | null;
  unitId: string;
  from: string | null;
  to: string | null;
  events: { act: { id: string } | null }[];
}
const summary = (changes: Change[]) => changes.map((c) => [c.change, c.indicatorId ?? c.objectiveId, c.from, c.to, c.events.map((e) => e.act?.id)]);
const base = '/api/v1/orgs/comune';

describe('GET /orgs/:org/pdo/diff', () => {
  let app: TestApp;
  let api: ApiClient;
  const define = (objectiveId: string, unitId: string, years: Record<string, string>, effectiveFrom: string, act: string, indicators: unknown[] = []) =>
    accepted(api.post(`${base}/objectives`, { objectiveId, unitId, title: objectiveId, years, indicators, effectiveFrom, act: { id: act } }));
  const revise = (objectiveId: string, body: Record<string, unknown>) => accepted(api.patch(`${base}/objectives/${objectiveId}`, body), 200);
  const diff = (query: string) => api.get(`${base}/pdo/diff?${query}`);

  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'comune', name: 'Comune' }));
    await accepted(
      api.post(`${base}/reorganizations`, {
        act: { id: 'ORG' },
        effectiveFrom: '2019-01-01',
        changes: [
          { op: 'establish', unitId: 'dir', name: 'Direzione', kind: 'area' },
          { op: 'establish', unitId: 'gab', name: 'Gabinetto', kind: 'settore', parentId: 'dir' },
        ],
      }),
    );
    await define('o1', 'gab', { '2024': 'Patrocini online', '2025': 'Patrocini online 2025' }, '2024-01-15', 'PDO-2024', [
      { indicatorId: 'i1', description: 'Domande online', unit: '%', target: 10 },
    ]);
    await define('o2', 'dir', { '2024': 'Bilancio di genere' }, '2024-01-15', 'PDO-2024');
    await define('o3', 'gab', { '2024': 'Cerimoniale' }, '2024-01-15', 'PDO-2024');
    await revise('o1', {
      years: { '2024': 'Patrocini interamente online' },
      unitId: 'dir',
      indicators: [
        { indicatorId: 'i1', description: 'Domande online', unit: '%', target: 20 },
        { indicatorId: 'i2', description: 'Tempo medio di risposta', unit: 'giorni', target: 15 },
      ],
      effectiveFrom: '2024-06-01',
      act: { id: 'VAR-1' },
    });
    await accepted(api.post(`${base}/objectives/o2/withdraw`, { effectiveFrom: '2024-07-01', reason: 'superato', act: { id: 'WD' } }));
    await revise('o3', { years: { '2024': null, '2025': 'Cerimoniale 2025' }, effectiveFrom: '2024-08-01', act: { id: 'VAR-2' } });
    await define('o4', 'gab', { '2024': 'Sportello unico' }, '2024-09-01', 'PDO-ADD');
  });
  afterAll(() => app.close());

  it('diffs the PDO of the year of `to` by default, each change with its act', async () => {
    const r = await diff('from=2024-03-01&to=2024-12-31');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ compare: 'valid-time', from: '2024-03-01', to: '2024-12-31', year: 2024 });
    expect(summary(r.body.changes)).toEqual([
      ['objective-restated', 'o1', 'Patrocini online', 'Patrocini interamente online', ['VAR-1']],
      ['objective-reassigned', 'o1', 'gab', 'dir', ['VAR-1']],
      ['indicator-target-changed', 'i1', '10 %', '20 %', ['VAR-1']],
      ['indicator-added', 'i2', null, 'Tempo medio di risposta', ['VAR-1']],
      ['objective-withdrawn', 'o2', 'Bilancio di genere', null, ['WD']],
      ['objective-dropped', 'o3', 'Cerimoniale', null, ['VAR-2']],
      ['objective-added', 'o4', null, 'Sportello unico', ['PDO-ADD']],
    ]);
  });

  it('diffs another plan year when asked: the statements of that year', async () => {
    const r = await diff('from=2024-03-01&to=2024-12-31&year=2025');
    expect(r.body.year).toBe(2025);
    expect(summary(r.body.changes)).toEqual([
      ['objective-reassigned', 'o1', 'gab', 'dir', ['VAR-1']],
      ['indicator-target-changed', 'i1', '10 %', '20 %', ['VAR-1']],
      ['indicator-added', 'i2', null, 'Tempo medio di risposta', ['VAR-1']],
      ['objective-added', 'o3', null, 'Cerimoniale 2025', ['VAR-2']],
    ]);
  });

  it('counts an objective defined inside the window as added, not its indicators one by one', async () => {
    const r = await diff('from=2024-01-01&to=2024-02-01');
    expect(summary(r.body.changes)).toEqual([
      ['objective-added', 'o1', null, 'Patrocini online', ['PDO-2024']],
      ['objective-added', 'o2', null, 'Bilancio di genere', ['PDO-2024']],
      ['objective-added', 'o3', null, 'Cerimoniale', ['PDO-2024']],
    ]);
  });

  it('refuses a bad year and an unknown org', async () => {
    const bad = await diff('from=2024-01-01&to=2024-02-01&year=24');
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field)).toEqual(['year']);
    expect((await api.get('/api/v1/orgs/altro/pdo/diff?from=2024-01-01&to=2024-02-01')).status).toBe(404);
  });
});
