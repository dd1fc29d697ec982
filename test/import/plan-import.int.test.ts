/**
 * Plan tables (issue 16, "Plan tables"): given an org with two directorates and a PDO
 * 2024-2025 imported from a CSV, when a PDO 2025-2027 is imported (dry run first, then for
 * real), then its revisions, gaps, omissions and new directorates are as the docs say, and a
 * second import appends nothing. The files below are samples of the layout, not real data.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from '../support/start-test-app.ts';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';

const ORG = '/api/v1/orgs/milano';

// A sample of the plan-table layout, not real data: semicolons, a BOM, Italian headers.
const PDO_2024 = [
  '\uFEFFDirezione;ID;Obiettivi Anno 2024;Obiettivi Anno 2025;Programma operativo;Dimensione;Driver',
  'Direzione Casa;1;Ridurre i tempi di assegnazione;Ridurre i tempi di assegnazione;Casa;Sociale;Efficienza',
  'Direzione Casa;2;Censire gli alloggi sfitti;Censire gli alloggi sfitti;Casa;Sociale;Trasparenza',
  'Direzione Cultura;1;Aprire le biblioteche la domenica;Aprire le biblioteche la domenica;Cultura;Culturale;Accessibilità',
].join('\r\n');

// A sample of the layout, not real data: commas, no BOM, a renamed header style, an indicator.
const PDO_2025 = [
  'direzione,id,Anno 2025,Anno 2026,Anno 2027,Indicatore,Target,Unità di misura,Descrizione',
  '"Direzione casa",1,"Ridurre i tempi di assegnazione a 90 giorni","Ridurre i tempi di assegnazione a 90 giorni",,Giorni medi di assegnazione,90,giorni,',
  'Direzione Cultura,1,"Aprire le biblioteche la domenica","Aprire le biblioteche la domenica","Aprire i musei la domenica",,,,',
  'Direzione Sport,1,Riqualificare i centri sportivi,,Riqualificare i centri sportivi,,,,"Palestre e piscine dei municipi, in due lotti"',
].join('\n');

describe('plan tables: import a PDO without code', () => {
  const time = manualClock('2025-03-01T09:00:00.000Z');
  let app: TestApp;
  let api: ApiClient;
  const upload = (query: string, csv: string) =>
    api.send('POST', `${ORG}/plans?${query}`, { raw: csv, headers: { 'content-type': 'text/csv' } });
  const head = () => app.store.headPosition();
  const pdo = async (year: number, at: string) => (await api.get(`${ORG}/pdo?year=${year}&at=${at}`)).body as { objectives: { objectiveId: string; title: string; years: Record<string, string>; links: unknown[]; indicators: { target: number }[]; evidence: { status: string; sources: string[]; notAttestedBy?: string[] } }[] };

  beforeAll(async () => {
    app = await startTestApp({ clock: time.clock });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
    await accepted(api.post(`${ORG}/reorganizations`, {
      act: { id: 'DG-2020-1', kind: 'delibera' },
      effectiveFrom: '2020-01-01',
      changes: [
        { op: 'establish', unitId: 'dir-casa', name: 'Direzione Casa', kind: 'direzione' },
        { op: 'establish', unitId: 'dir-cultura', name: 'Direzione Cultura', kind: 'direzione' },
      ],
    }));
  });
  afterAll(() => app.close());

  it('imports the first plan: objectives defined with their statements per year, attested by the plan', async () => {
    const r = await upload('plan=pdo-2024-2025&file=pdo-2024.csv', PDO_2024);
    expect(r.body.file).toBe('pdo-2024.csv');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.objectives.defined.map((o: { objectiveId: string }) => o.objectiveId)).toEqual(['pdo2024.dir-casa.1', 'pdo2024.dir-casa.2', 'pdo2024.dir-cultura.1']);
    const answer = await pdo(2025, '2025-06-01');
    expect(answer.objectives.map((o) => o.objectiveId)).toEqual(['pdo2024.dir-casa.1', 'pdo2024.dir-casa.2', 'pdo2024.dir-cultura.1']);
    expect(answer.objectives[0]!.evidence).toMatchObject({ status: 'attested', sources: ['pdo-2024-2025'] });
    // The matrix columns are one matrix row: programma, dimension and driver together, with the table's line.
    expect((answer.objectives[0] as unknown as { matrix: unknown[] }).matrix).toEqual([{ programmaOperativo: 'Casa', dimension: 'Sociale', driver: 'Efficienza', year: 2024, line: 2 }]);
  });

  it('dry run of the next plan: revisions before → after, the unmatched directorate, the omitted objective; nothing appended', async () => {
    const before = await head();
    const r = await upload('plan=pdo-2025-2027&dryRun=true', PDO_2025);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.directorates.map((d: { unitId: string; status: string }) => [d.unitId, d.status])).toEqual([['dir-casa', 'matched'], ['dir-cultura', 'matched'], ['direzione-sport', 'unmatched']]);
    expect(r.body.objectives.revisions).toContainEqual(expect.objectContaining({ objectiveId: 'pdo2024.dir-casa.1', year: '2025', before: 'Ridurre i tempi di assegnazione', after: 'Ridurre i tempi di assegnazione a 90 giorni' }));
    expect(r.body.objectives.revisions).toContainEqual(expect.objectContaining({ objectiveId: 'pdo2024.dir-cultura.1', year: '2027', before: null, after: 'Aprire i musei la domenica' }));
    expect(r.body.objectives.notAttested).toEqual([{ objectiveId: 'pdo2024.dir-casa.2', unitId: 'dir-casa', years: ['2025'], attestedBy: 'pdo-2024-2025', notAttestedBy: 'pdo-2025-2027' }]);
    expect(r.body.problems).toHaveLength(1);
    expect(await head()).toEqual(before);
  });

  it('refuses the import while a directorate is unmatched, naming it; appends nothing', async () => {
    const before = await head();
    const r = await upload('plan=pdo-2025-2027', PDO_2025);
    expect(r.status).toBe(422);
    expect(r.body.problems[0].field).toBe('plan-table:4:Direzione');
    expect(r.body.problems[0].message).toContain('Direzione Sport');
    expect(await head()).toEqual(before);
  });

  it('with createUnits, imports it: revisions from 2025, the new directorate attested, a gap year is no objective', async () => {
    const r = await upload('plan=pdo-2025-2027&createUnits=true', PDO_2025);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const in2025 = await pdo(2025, '2025-06-01');
    expect(in2025.objectives.find((o) => o.objectiveId === 'pdo2024.dir-casa.1')!.title).toBe('Ridurre i tempi di assegnazione a 90 giorni');
    expect(in2025.objectives.find((o) => o.objectiveId === 'pdo2024.dir-casa.1')!.indicators[0]!.target).toBe(90);
    // As of 2024 the earlier plan still holds.
    expect((await pdo(2025, '2024-06-01')).objectives.find((o) => o.objectiveId === 'pdo2024.dir-casa.1')!.title).toBe('Ridurre i tempi di assegnazione');
    const in2026 = await pdo(2026, '2026-06-01');
    expect(in2026.objectives.map((o) => o.objectiveId)).not.toContain('pdo2025.direzione-sport.1');
    const in2027 = await pdo(2027, '2027-06-01');
    expect(in2027.objectives.map((o) => o.objectiveId)).toEqual(['pdo2024.dir-cultura.1', 'pdo2025.direzione-sport.1']);
    expect((in2027.objectives[1] as unknown as { description: string | null }).description).toBe('Palestre e piscine dei municipi, in due lotti');
    const chart = (await api.get(`${ORG}/org-chart?at=2025-06-01`)).body as { units: { unitId: string; evidence: { status: string } }[] };
    expect(chart.units.find((u) => u.unitId === 'direzione-sport')!.evidence.status).toBe('attested');
  });

  it('an objective the new plan omits is not attested by it, never withdrawn: the earlier plan still shows it', async () => {
    const in2025 = await pdo(2025, '2025-06-01');
    expect(in2025.objectives.find((o) => o.objectiveId === 'pdo2024.dir-casa.2')).toMatchObject({ title: 'Censire gli alloggi sfitti', evidence: { status: 'attested', sources: ['pdo-2024-2025'] } });
  });

  it('a malformed file is refused with file, line and column, and appends nothing', async () => {
    const before = await head();
    const r = await upload('plan=pdo-2026-2027&file=rotto.csv', 'Direzione,ID,Anno 2026\nDirezione Casa,7,x\nDirezione Casa,7,y\n');
    expect(r.status).toBe(422);
    expect(r.contentType).toContain('application/problem+json');
    expect(r.body.problems).toEqual([{ field: 'rotto.csv:3:ID', message: 'duplicate objective ID 7 of "Direzione Casa" (first on line 2)' }]);
    expect(await head()).toBe(before);
  });

  it('takes an XLSX workbook as a multipart part: the dry run names the file the part gives', async () => {
    // A sample of the layout, not real data.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('PDO').addRows([
      ['Direzione', 'ID', 'Obiettivi Anno 2026'],
      ['Direzione Cultura', 2, 'Aprire i musei la sera'],
    ]);
    const form = new FormData();
    form.append('file', new Blob([await workbook.xlsx.writeBuffer()]), 'pdo-2026.xlsx');
    const before = await head();
    const response = await fetch(`${app.url}${ORG}/plans?plan=pdo-2026&dryRun=true`, { method: 'POST', headers: { authorization: `Bearer ${app.adminToken}` }, body: form });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ file: 'pdo-2026.xlsx', dryRun: true, objectives: { defined: [{ objectiveId: 'pdo2026.dir-cultura.2', line: 2 }] } });
    expect(await head()).toBe(before);
  });

  it('a second import of the same file appends nothing', async () => {
    const before = await head();
    const r = await upload('plan=pdo-2025-2027&createUnits=true', PDO_2025);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.appended).toBe(0);
    expect(r.body.commands).toEqual([]);
    expect(await head()).toEqual(before);
  });
});
