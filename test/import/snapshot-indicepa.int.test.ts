/**
 * IndicePA snapshots (issue 16, "Snapshots"): two hand-made CSV samples of one body (a sample of
 * the layout, not real data: see snapshot-samples.ts) imported over the API. Given the 2023 and
 * 2024 files, then: a dry run shows every inferred change and appends nothing; the import
 * appends, and a second import of the same file appends nothing; the org chart between the two
 * dates says attested / carried-forward; the diff lists the inferred rename naming both sources,
 * never as an act; the special offices are kinds of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { indicePaCsv, postSnapshot, type IpaRow } from './snapshot-samples.ts';

const ORG = '/api/v1/orgs/esempio';

const first: IpaRow[] = [
  { code: 'UDG001', name: 'Direzione Generale', head: ['Maria', 'Verdi'], updated: '2023-02-10' },
  { code: 'UCU002', parent: 'UDG001', name: 'Area Cultura', updated: '2023-03-01' },
  { code: 'UBI003', parent: 'UCU002', name: 'Servizio Biblioteche', head: ['Mario', 'Rossi'], updated: '2023-01-15' },
  { code: 'USP004', parent: 'UDG001', name: 'Area Sport', updated: '2023-01-15' },
  { code: 'UFE005', name: 'Uff_eFatturaPA', updated: '2023-01-15' },
  { code: 'UTD006', name: 'Ufficio_Transizione_Digitale', updated: '2023-01-15' },
  // Another body in the same export: filtered out.
  { code: 'ZZZ999', name: 'Direzione Altrove', updated: '2023-05-05', ipa: 'c_y111' },
];
const second: IpaRow[] = [
  { code: 'UDG001', name: 'Direzione Generale', head: ['Maria', 'Verdi'], updated: '2024-03-01' },
  { code: 'UCU002', parent: 'UDG001', name: 'Area Cultura e Turismo', updated: '2024-03-01' },
  { code: 'UBI003', parent: 'UDG001', name: 'Servizio Biblioteche', head: ['Anna', 'Bianchi'], updated: '2024-03-01' },
  { code: 'UIN007', parent: 'UDG001', name: 'Area Innovazione', updated: '2024-03-01' },
  { code: 'UFE005', name: 'Uff_eFatturaPA', updated: '2024-03-01' },
  { code: 'UTD006', name: 'Ufficio_Transizione_Digitale', updated: '2024-03-01' },
];

describe('IndicePA snapshots, CSV', () => {
  let app: TestApp;
  let api: ApiClient;
  const post = (file: string, query: Record<string, string> = {}, name = 'uo.csv') => postSnapshot(app.url, app.adminToken, 'esempio', file, { ipa: 'c_x000', ...query }, name);
  let sources: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'esempio', name: 'Comune di Esempio' }));
  });
  afterAll(() => app.close());

  it('dry run of the first file: every unit established as attested, dated by Data_aggiornamento, nothing appended', async () => {
    const before = await app.store.headPosition();
    const r = await post(indicePaCsv(first), { dryRun: 'true' }, 'uo-2023.csv');
    expect(r.status).toBe(200);
    const [file] = r.body.files;
    expect(file).toMatchObject({ status: 'planned', layout: 'indicepa', format: 'csv', snapshotDate: '2023-03-01', dateOrigin: 'file-column', rows: 7, units: 6, previousSourceId: null });
    expect(file.changes.filter((c: { change: string }) => c.change === 'established').map((c: { unitId: string; basis: string }) => [c.unitId, c.basis])).toEqual(
      ['UDG001', 'UFE005', 'UTD006', 'UCU002', 'USP004', 'UBI003'].map((id) => [id, 'attested']),
    );
    expect(await app.store.headPosition()).toBe(before);
  });

  it('imports both files: the second one\'s changes are inferred from both sources', async () => {
    const a = await post(indicePaCsv(first), {}, 'uo-2023.csv');
    expect(a.status).toBe(201);
    const dry = await post(indicePaCsv(second, { sep: ',', bom: false }), { dryRun: 'true' }, 'uo-2024.csv');
    expect(dry.status).toBe(200);
    const b = await post(indicePaCsv(second, { sep: ',', bom: false }), {}, 'uo-2024.csv');
    expect(b.status).toBe(201);
    expect(b.body.files[0].changes).toEqual(dry.body.files[0].changes);
    sources = [a.body.files[0].sourceId, b.body.files[0].sourceId];
    const changes = b.body.files[0].changes.map((c: { change: string; unitId: string; from: string | null; to: string; basis: string; inferredFrom: string[]; effectiveFrom: string }) => [c.change, c.unitId, c.from, c.to, c.basis, c.inferredFrom, c.effectiveFrom]);
    expect(changes).toEqual([
      ['renamed', 'UCU002', 'Area Cultura', 'Area Cultura e Turismo', 'inferred', sources, '2024-03-01'],
      ['moved', 'UBI003', 'UCU002', 'UDG001', 'inferred', sources, '2024-03-01'],
      ['head-changed', 'UBI003', 'Mario Rossi', 'Anna Bianchi', 'inferred', sources, '2024-03-01'],
      ['established', 'UIN007', null, 'Area Innovazione', 'inferred', sources, '2024-03-01'],
    ]);
    expect(b.body.files[0].changes[0].reason).toContain('no act is known');
    expect(b.body.files[0].notAttestedAfter).toEqual([{ unitId: 'USP004', name: 'Area Sport', lastSourceId: sources[0] }]);
  });

  it('a second import of the same file appends nothing', async () => {
    const before = await app.store.headPosition();
    const again = await post(indicePaCsv(first), {}, 'copia.csv');
    expect(again.status).toBe(200);
    expect(again.body.files[0]).toMatchObject({ status: 'already-imported', sourceId: sources[0], events: 0 });
    expect(await app.store.headPosition()).toBe(before);
  });

  it('registers each file as a complete-structure source and keeps its unused columns in the record', async () => {
    const { source } = (await api.get(`/api/v1/sources/${sources[0]}`)).body;
    expect(source).toMatchObject({ kind: 'dataset', issuedOn: '2023-03-01', scope: { kind: 'complete-structure', rootUnitId: null }, dateQualifier: null });
    const events = await app.store.readStream('org-esempio');
    const record = events.find((e) => e.type === 'SnapshotImported' && (e.data as { sourceId: string }).sourceId === sources[0])!.data as { file: { ignoredColumns: string[]; rowsKept: number } };
    expect(record.file.ignoredColumns).toEqual(['Denominazione_ente', 'Codice_fiscale_ente', 'Codice_uni_aoo', 'Data_istituzione', 'Mail_responsabile', 'Telefono_responsabile', 'Codice_comune_ISTAT', 'CAP', 'Indirizzo', 'Mail1']);
    expect(record.file.rowsKept).toBe(6);
  });

  it('the special offices are kinds of their own, not directorates', async () => {
    const units = (await api.get(`${ORG}/org-chart?at=2024-03-01`)).body.units as { unitId: string; kind: string }[];
    const kind = (id: string) => units.find((u) => u.unitId === id)?.kind;
    expect([kind('UFE005'), kind('UTD006'), kind('UDG001'), kind('UCU002'), kind('UBI003')]).toEqual(['ufficio-fatturazione-elettronica', 'ufficio-transizione-digitale', 'direzione', 'area', 'servizio']);
  });

  it('between the two dates the units are carried-forward; on each date attested by its snapshot', async () => {
    type U = { unitId: string; name: string; evidence: { status: string; lastAttestedOn: string | null; sources: string[] } };
    const chart = async (at: string) => ((await api.get(`${ORG}/org-chart?at=${at}`)).body.units as U[]);
    const cultura = async (at: string) => (await chart(at)).find((u) => u.unitId === 'UCU002')!;
    expect(await cultura('2023-03-01')).toMatchObject({ name: 'Area Cultura', evidence: { status: 'attested', sources: [sources[0]] } });
    expect(await cultura('2023-09-01')).toMatchObject({ name: 'Area Cultura', evidence: { status: 'carried-forward', lastAttestedOn: '2023-03-01' } });
    expect(await cultura('2024-03-01')).toMatchObject({ name: 'Area Cultura e Turismo', evidence: { status: 'attested' } });
    expect((await chart('2023-09-01')).find((u) => u.unitId === 'UIN007')).toBeUndefined();
    const sport = (await api.get(`${ORG}/org-chart?at=2024-03-01`)).body.units.find((u: U) => u.unitId === 'USP004');
    expect(sport.evidence).toMatchObject({ status: 'carried-forward', notAttestedBy: [sources[1]] });
  });

  it('the diff between the dates lists the inferred rename, naming both sources, never as an act', async () => {
    const r = await api.get(`${ORG}/org-chart/diff?from=2023-09-01&to=2024-06-01`);
    expect(r.status).toBe(200);
    const rename = r.body.changes.find((c: { change: string; unitId: string }) => c.change === 'unit-renamed' && c.unitId === 'UCU002');
    expect(rename).toMatchObject({ from: 'Area Cultura', to: 'Area Cultura e Turismo', basis: { status: 'inferred', actId: null, sourceIds: sources } });
    expect((await api.get(`${ORG}/acts`)).body.acts ?? []).toEqual([]);
  });
});
