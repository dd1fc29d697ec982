/**
 * The reads the web page leans on, over the seed documents: the timeline (change dates and
 * recording instants in one answer), the search of units and objectives, and a source
 * document's text. Given the seeds, when each is asked, then it answers from the data at its
 * cut, and bad input is a 400 naming the field.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

describe('web reads: timeline, search, source text', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp({ env: { ORGTRAIL_SEED: 'auto' } });
    api = apiClient(app.url);
  });
  afterAll(() => app.close());

  it('gives the change dates of the org chart with their acts, and the recording runs, in one answer', async () => {
    const { status, body } = await api.get('/api/v1/orgs/comune-milano/timeline');
    expect(status).toBe(200);
    expect(body.at).toBeNull();
    expect(body.changeDates.map((d: { date: string }) => d.date)).toEqual(['2016-07-01', '2020-01-01', '2022-01-01', '2024-01-01']);
    // No seed document is an act (issue 15: they are sources), so no change date or run names one.
    expect(body.changeDates.flatMap((d: { acts: unknown[] }) => d.acts)).toEqual([]);
    expect(body.recordings.map((r: { act: unknown }) => r.act)).toEqual(body.recordings.map(() => null));
    // Each registered source's changes and attestations are their own run, not the whole import as one stop (003 speaks of the Città Metropolitana, another org).
    const sourcesOfRuns = body.recordings.map((r: { sourceIds: string[] }) => r.sourceIds.join('+'));
    for (const document of ['doc-000', 'doc-001', 'doc-002', 'doc-004']) expect(sourcesOfRuns.some((ids: string) => ids.startsWith(document)), document).toBe(true);
    expect(body.recordings.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < body.recordings.length; i++) {
      expect(body.recordings[i].fromPosition).toBeGreaterThan(body.recordings[i - 1].toPosition);
      expect(sourcesOfRuns[i]).not.toBe(sourcesOfRuns[i - 1]);
    }
    for (const run of body.recordings) {
      expect(run.fromPosition).toBeLessThanOrEqual(run.toPosition);
      expect(run.asKnownAt >= run.firstRecordedAt).toBe(true);
      expect(run.daysLate).toBeGreaterThan(30);
    }
    // As known at a run's instant, the answer includes that run's last event.
    const run = body.recordings.at(-1);
    const known = await api.get(`/api/v1/orgs/comune-milano/timeline?asKnownAt=${encodeURIComponent(run.asKnownAt)}`);
    expect(known.body.position).toBeGreaterThanOrEqual(run.toPosition);
    expect(known.body.recordings.at(-1).toPosition).toBe(run.toPosition);
  });

  it('adds a change date from a new reorganisation recorded on its effective date (0 days late), and names its act', async () => {
    const admin = apiClient(app.url, { token: app.adminToken });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
    await accepted(admin.post('/api/v1/orgs/comune-milano/reorganizations', { act: { id: 'det-t1', kind: 'determina', title: 'Determina T1' }, effectiveFrom: today, changes: [{ op: 'establish', unitId: 'dir-timeline', name: 'Direzione Linea del Tempo', kind: 'direzione', parentId: null }] }));
    const { body } = await api.get('/api/v1/orgs/comune-milano/timeline');
    expect(body.changeDates.at(-1)).toMatchObject({ date: today, acts: [{ id: 'det-t1' }], eventCount: 1 });
    expect(body.recordings.at(-1)).toMatchObject({ act: { id: 'det-t1' }, eventCount: 1, daysLate: 0 });
  });

  it('finds units and objectives by words, accent- and case-insensitively, at the chosen date', async () => {
    const units = await api.get('/api/v1/orgs/comune-milano/search?q=SEGRETERIA%20gener&at=2024-06-01');
    expect(units.status).toBe(200);
    expect(units.body.units[0]).toMatchObject({ unitId: 'segreteria-generale', name: 'Segreteria Generale', path: 'Segreteria Generale' });
    const nested = await api.get('/api/v1/orgs/comune-milano/search?q=cerimoniale&at=2024-06-01');
    expect(nested.body.units[0].path).toBe('Gabinetto del Sindaco > Unità di Coordinamento Funzioni del Sindaco > Ufficio Cerimoniale');
    const before = await api.get('/api/v1/orgs/comune-milano/search?q=cerimoniale&at=2019-06-01');
    expect(before.body.units).toEqual([]);
    const accents = await api.get(`/api/v1/orgs/comune-milano/search?q=${encodeURIComponent('unità')}&at=2024-06-01`);
    const plain = await api.get('/api/v1/orgs/comune-milano/search?q=UNITA&at=2024-06-01');
    expect(accents.body.units.length).toBeGreaterThan(0);
    expect(plain.body.units).toEqual(accents.body.units);

    const pdo = await api.get('/api/v1/orgs/comune-milano/pdo?year=2020&at=2020-12-31');
    const objective = pdo.body.objectives[0];
    const word = objective.title.split(/\s+/).find((w: string) => w.length > 6);
    const found = await api.get(`/api/v1/orgs/comune-milano/search?q=${encodeURIComponent(word)}&at=2020-12-31`);
    expect(found.body.year).toBe(2020);
    expect(found.body.objectives.map((o: { objectiveId: string }) => o.objectiveId)).toContain(objective.objectiveId);
  });

  it('refuses a query without words, naming q', async () => {
    const { status, body } = await api.get('/api/v1/orgs/comune-milano/search?q=%20-%20');
    expect(status).toBe(400);
    expect(body.problems[0].field).toBe('q');
  });

  it('serves a seed document as UTF-8 text by key, act id or file name; anything else is a 404', async () => {
    const byKey = await api.get('/api/v1/sources/000/text');
    expect(byKey.status).toBe(200);
    expect(byKey.contentType).toBe('text/plain; charset=utf-8');
    const file = readFileSync(new URL('../../seeds/sources/000_73076facddbf972e.txt', import.meta.url), 'utf8');
    expect(byKey.body).toBe(file);
    expect((await api.get('/api/v1/sources/doc-000-gabinetto-struttura/text')).body).toBe(file);
    expect((await api.get('/api/v1/sources/000_73076facddbf972e.txt/text')).body).toBe(file);
    expect((await api.get('/api/v1/sources/package.json/text')).status).toBe(404);
    expect((await api.get('/api/v1/sources/..%2Fpackage.json/text')).status).toBe(400);
  });
});
