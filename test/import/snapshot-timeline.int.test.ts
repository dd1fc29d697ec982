/**
 * Three generic-organigramma snapshots as XLSX (samples of the layout, not real data: see
 * snapshot-samples.ts), the third dated between the other two. Given 2020 and 2022 imported,
 * when the 2021 file comes, then it is placed in time order: the inferences between 2020 and
 * 2022 are superseded (an InferencesSuperseded event, never a rewrite) and derived again from
 * 2020→2021 and 2021→2022; answers as known before the 2021 import are unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { organigrammaXlsx, postSnapshot, type OrgRow } from './snapshot-samples.ts';

const ORG = '/api/v1/orgs/esempio';
const y2020: OrgRow[] = [
  { date: '2020-01-01', code: 'dg', name: 'Direzione Generale', kind: 'direzione', head: 'Paola Neri', title: 'Direttrice generale' },
  { date: '2020-01-01', code: 'alfa', parent: 'dg', name: 'Ufficio Alfa', kind: 'ufficio', competency: 'Protocollo' },
  { date: '2020-01-01', code: 'alfa', parent: 'dg', name: 'Ufficio Alfa', kind: 'ufficio', competency: 'Archivio' },
];
const y2022: OrgRow[] = [
  { date: '2022-01-01', code: 'dg', name: 'Direzione Generale', kind: 'direzione', head: 'Paola Neri', title: 'Direttrice generale' },
  { date: '2022-01-01', code: 'alfa', parent: 'dg', name: 'Ufficio Gamma', kind: 'servizio' },
  { date: '2022-01-01', code: 'beta', parent: 'dg', name: 'Ufficio Beta', kind: 'ufficio' },
];
const y2021: OrgRow[] = [
  { date: '2021-01-01', code: 'dg', name: 'Direzione Generale', kind: 'direzione', head: 'Paola Neri', title: 'Direttrice generale' },
  { date: '2021-01-01', code: 'alfa', parent: 'dg', name: 'Ufficio Delta', kind: 'ufficio' },
  { date: '2021-01-01', code: 'beta', parent: 'alfa', name: 'Ufficio Beta', kind: 'ufficio' },
];

type Change = { change: string; unitId: string; from: string | null; to: string; basis: { status: string; actId: string | null; sourceIds: string[] } };

describe('three snapshots, one dated between the others (XLSX)', () => {
  let app: TestApp;
  let api: ApiClient;
  const ids: Record<string, string> = {};
  let before2021 = 0;
  /** Each sample's bytes, generated once (exceljs stamps the workbook with its creation time). */
  const files = new Map<OrgRow[], Buffer>();
  const post = async (rows: OrgRow[], name: string, query: Record<string, string> = {}) => {
    if (!files.has(rows)) files.set(rows, await organigrammaXlsx(rows));
    return postSnapshot(app.url, app.adminToken, 'esempio', files.get(rows)!, query, name);
  };
  const chart = async (query: string) => (await api.get(`${ORG}/org-chart?${query}`)).body.units as { unitId: string; name: string; kind: string; parentId: string | null; competencies?: { text: string }[] }[];
  const diff = async (from: string, to: string) => (await api.get(`${ORG}/org-chart/diff?from=${from}&to=${to}`)).body.changes as Change[];

  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'esempio', name: 'Comune di Esempio' }));
    for (const [rows, name] of [[y2020, 'organigramma-2020.xlsx'], [y2022, 'organigramma-2022.xlsx']] as const) {
      const r = await post(rows, name);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids[name.slice(13, 17)] = r.body.files[0].sourceId;
    }
    before2021 = await app.store.headPosition();
  });
  afterAll(() => app.close());

  it('reads the XLSX layout: date cells, one row per competency', async () => {
    const units = await chart('at=2020-01-01');
    expect(units.map((u) => [u.unitId, u.name, u.kind, u.parentId])).toEqual([
      ['dg', 'Direzione Generale', 'direzione', null],
      ['alfa', 'Ufficio Alfa', 'ufficio', 'dg'],
    ]);
  });

  it('between 2020 and 2022 alone: the 2022 changes are inferred from both', async () => {
    const changes = await diff('2021-06-01', '2022-06-01');
    expect(changes.find((c) => c.change === 'unit-renamed')).toMatchObject({ unitId: 'alfa', from: 'Ufficio Alfa', to: 'Ufficio Gamma', basis: { status: 'inferred', actId: null, sourceIds: [ids['2020'], ids['2022']] } });
    expect(changes.find((c) => c.change === 'unit-established')).toMatchObject({ unitId: 'beta', basis: { status: 'inferred', sourceIds: [ids['2020'], ids['2022']] } });
  });

  it('the 2021 dry run says what it supersedes and appends nothing', async () => {
    const r = await post(y2021, 'organigramma-2021.xlsx', { dryRun: 'true' });
    expect(r.status).toBe(200);
    expect(r.body.files[0]).toMatchObject({ status: 'planned', previousSourceId: ids['2020'], nextSourceId: ids['2022'], superseded: 3 });
    expect(await app.store.headPosition()).toBe(before2021);
  });

  it('imports 2021 in time order: each step inferred from its own neighbours', async () => {
    const r = await post(y2021, 'organigramma-2021.xlsx');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids['2021'] = r.body.files[0].sourceId;
    const events = await app.store.readStream('org-esempio');
    expect(events.filter((e) => e.type === 'InferencesSuperseded')).toHaveLength(1);

    const first = await diff('2020-06-01', '2021-06-01');
    expect(first.find((c) => c.change === 'unit-renamed')).toMatchObject({ unitId: 'alfa', from: 'Ufficio Alfa', to: 'Ufficio Delta', basis: { status: 'inferred', actId: null, sourceIds: [ids['2020'], ids['2021']] } });
    expect(first.find((c) => c.change === 'unit-established')).toMatchObject({ unitId: 'beta', basis: { status: 'inferred', sourceIds: [ids['2020'], ids['2021']] } });
    const second = await diff('2021-06-01', '2022-06-01');
    const kinds = second.filter((c) => c.basis.status === 'inferred').map((c) => [c.change, c.unitId, c.from, c.to, c.basis.sourceIds]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['unit-renamed', 'alfa', 'Ufficio Delta', 'Ufficio Gamma', [ids['2021'], ids['2022']]],
        ['unit-reclassified', 'alfa', 'ufficio', 'servizio', [ids['2021'], ids['2022']]],
        ['unit-moved', 'beta', 'alfa', 'dg', [ids['2021'], ids['2022']]],
      ]),
    );
    expect(second.find((c) => c.change === 'unit-established')).toBeUndefined();
    const at2021 = await chart('at=2021-06-01');
    expect(at2021.map((u) => [u.unitId, u.name, u.parentId])).toEqual([
      ['dg', 'Direzione Generale', null],
      ['alfa', 'Ufficio Delta', 'dg'],
      ['beta', 'Ufficio Beta', 'alfa'],
    ]);
    expect((await chart('at=2022-06-01')).map((u) => [u.unitId, u.name, u.kind, u.parentId])).toEqual([
      ['dg', 'Direzione Generale', 'direzione', null],
      ['alfa', 'Ufficio Gamma', 'servizio', 'dg'],
      ['beta', 'Ufficio Beta', 'ufficio', 'dg'],
    ]);
  });

  it('answers as known before the 2021 import are unchanged (a retraction is an event, never a rewrite)', async () => {
    const asKnown = await chart(`at=2021-06-01&asOfPosition=${before2021}`);
    expect(asKnown.map((u) => [u.unitId, u.name])).toEqual([
      ['dg', 'Direzione Generale'],
      ['alfa', 'Ufficio Alfa'],
    ]);
  });

  it('a fourth import of the same three files appends nothing', async () => {
    const position = await app.store.headPosition();
    for (const [rows, name] of [[y2020, 'a.xlsx'], [y2021, 'b.xlsx'], [y2022, 'c.xlsx']] as const) {
      const r = await post(rows, name);
      expect(r.body.files[0].status).toBe('already-imported');
    }
    // Another file of a date already imported is refused: it would be a second snapshot of that day.
    const other = await postSnapshot(app.url, app.adminToken, 'esempio', await organigrammaXlsx([...y2021, { date: '2021-01-01', code: 'zeta', parent: 'dg', name: 'Ufficio Zeta', kind: 'ufficio' }]), {}, 'd.xlsx');
    expect(other).toMatchObject({ status: 409, body: { code: 'conflict' } });
    expect(await app.store.headPosition()).toBe(position);
  });
});
