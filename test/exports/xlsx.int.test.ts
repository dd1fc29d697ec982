/**
 * XLSX exports, read back with exceljs: given a small org with a unit tree, an objective with
 * indicators and a measurement, when every view that has a CSV is asked with format=xlsx (or
 * with Accept of the XLSX media type), then the workbook has the view's sheet with the header
 * row frozen, the same rows and cells as the CSV (dates and instants as typed Excel dates,
 * numbers as numbers), and a basis sheet naming the cut.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every view that has a CSV, as the OpenAPI path and a request of it on the test data. */
const VIEWS: Record<string, string> = {
  '/api/v1/orgs': '/api/v1/orgs',
  '/api/v1/orgs/{org}/org-chart': '/api/v1/orgs/prova/org-chart?at=2024-06-01',
  '/api/v1/orgs/{org}/pdo': '/api/v1/orgs/prova/pdo?year=2024&at=2024-06-01',
  '/api/v1/orgs/{org}/units/{unitId}/history': '/api/v1/orgs/prova/units/archivio/history',
  '/api/v1/orgs/{org}/objectives/{objectiveId}/history': '/api/v1/orgs/prova/objectives/ob-1/history',
  '/api/v1/orgs/{org}/indicators/{indicatorId}/measurements': '/api/v1/orgs/prova/indicators/i-1/measurements',
  '/api/v1/orgs/{org}/indicators/{indicatorId}/history': '/api/v1/orgs/prova/indicators/i-1/history',
  '/api/v1/orgs/{org}/org-chart/diff': '/api/v1/orgs/prova/org-chart/diff?from=2023-12-31&to=2024-06-01',
  '/api/v1/orgs/{org}/pdo/diff': '/api/v1/orgs/prova/pdo/diff?from=2023-12-31&to=2024-06-01&year=2024',
  '/api/v1/orgs/{org}/sources': '/api/v1/orgs/prova/sources',
};

/**
 * CSV routes that are not views at a cut but the plan-table import layout (no position, no basis
 * rows): they offer XLSX too, and their content is checked by test/import/plan-round-trip.int.test.ts.
 */
const IMPORT_LAYOUTS = ['/api/v1/orgs/{org}/plans/{planId}/table'];

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as the CSV writes it: dates back to ISO text, numbers as text, formula-like text quoted. */
function asCsvText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return cell.numFmt === 'dd/mm/yyyy' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'string') return FORMULA_START.test(value) ? `'${value}` : value;
  return String(value);
}

async function workbookOf(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

function sheetRows(sheet: ExcelJS.Worksheet, width: number): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push(Array.from({ length: width }, (_, index) => asCsvText(row.getCell(index + 1)))));
  return rows;
}

describe('XLSX exports', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'prova', name: 'Ente di prova' }));
    await accepted(
      api.post('/api/v1/orgs/prova/reorganizations', {
        act: { id: 'DG-1', kind: 'delibera', title: 'Istituzione', date: '2023-12-01' },
        effectiveFrom: '2024-01-01',
        changes: [
          { op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' },
          { op: 'establish', unitId: 'archivio', name: 'Unità Archivio', kind: 'unita', parentId: 'dg' },
          { op: 'assign-competency', unitId: 'archivio', competencyId: 'c-1', text: '=protocollo, archivi' },
          { op: 'appoint-head', unitId: 'dg', person: 'Anna Rossi', title: 'Direttrice' },
        ],
      }),
    );
    await accepted(
      api.post('/api/v1/orgs/prova/objectives', {
        objectiveId: 'ob-1', unitId: 'archivio', title: 'Digitalizzare', effectiveFrom: '2024-01-01',
        indicators: [{ indicatorId: 'i-1', description: 'Pratiche digitali', unit: '%', target: 80.5 }],
      }),
    );
    await accepted(api.post('/api/v1/orgs/prova/indicators/i-1/measurements', { value: 42.25, measuredAt: '2024-03-31' }));
    await accepted(api.post('/api/v1/sources', { sourceId: 'elenco-2024', orgId: 'prova', title: 'Elenco uffici', kind: 'report', issuedOn: '2024-03-01', location: { file: 'elenco.txt', lines: [{ from: 3, to: 9 }] } }));
    await accepted(api.post('/api/v1/orgs/prova/attestations', { sourceId: 'elenco-2024', units: [{ unitId: 'archivio', name: 'Unità Archivio' }] }));
  });
  afterAll(() => app?.close());

  it('covers every view whose OpenAPI answer offers CSV, and each also offers XLSX', async () => {
    const { paths } = (await api.get('/api/v1/openapi.json')).body as { paths: Record<string, { get?: { responses: Record<string, { content?: object }> } }> };
    const withCsv = Object.entries(paths).filter(([, item]) => Object.keys(item.get?.responses['200']?.content ?? {}).includes('text/csv'));
    expect(withCsv.map(([path]) => path).sort()).toEqual([...Object.keys(VIEWS), ...IMPORT_LAYOUTS].sort());
    for (const [, item] of withCsv) expect(Object.keys(item.get!.responses['200']!.content!)).toContain(XLSX_TYPE);
  });

  for (const [view, request] of Object.entries(VIEWS)) {
    it(`${view}: format=xlsx has the CSV's rows, typed, under a frozen header, and the basis`, async () => {
      const position = (await api.get(request)).body.position as number;
      const cut = `${request}${request.includes('?') ? '&' : '?'}asOfPosition=${position}`;
      const csv = parse((await api.get(`${cut}&format=csv`)).body, { bom: true }) as string[][];
      const response = await fetch(`${app.url}${cut}&format=xlsx`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+_p\d+\.xlsx"$/);
      const workbook = await workbookOf(response);
      const [data, basis] = workbook.worksheets;
      expect(workbook.worksheets.map((sheet) => sheet.name)[1]).toBe('basis');
      expect(data!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(csv.length).toBeGreaterThan(1);
      expect(sheetRows(data!, csv[0]!.length)).toEqual(csv);
      const basisFields = Object.fromEntries(sheetRows(basis!, 2).slice(1));
      expect(basisFields['position']).toBe(String(position));
    });
  }

  it('types dates, instants and numbers as Excel values', async () => {
    const workbook = await workbookOf(await fetch(`${app.url}/api/v1/orgs/prova/indicators/i-1/measurements?format=xlsx`));
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1);
    expect(cell('measuredAt').value).toEqual(new Date('2024-03-31T00:00:00Z'));
    expect(cell('measuredAt').numFmt).toBe('dd/mm/yyyy');
    expect(cell('recordedAt').value).toBeInstanceOf(Date);
    expect(cell('recordedAt').numFmt).toBe('dd/mm/yyyy hh:mm:ss');
    expect(cell('value').value).toBe(42.25);
  });

  it('keeps formula-like text as text, never a formula', async () => {
    const workbook = await workbookOf(await fetch(`${app.url}/api/v1/orgs/prova/org-chart?at=2024-06-01&format=xlsx`));
    const texts: unknown[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => texts.push(cell.type === ExcelJS.ValueType.Formula ? 'FORMULA' : cell.value)));
    expect(texts).toContain('=protocollo, archivi');
    expect(texts).not.toContain('FORMULA');
  });

  it('is chosen by Accept of the XLSX media type too, and sep with a non-CSV answer is a 400 naming sep', async () => {
    const byAccept = await fetch(`${app.url}/api/v1/orgs/prova/pdo?year=2024&at=2024-06-01`, { headers: { accept: XLSX_TYPE } });
    expect(byAccept.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect((await workbookOf(byAccept)).worksheets[0]!.rowCount).toBeGreaterThan(1);
    const refused = await api.get('/api/v1/orgs/prova/pdo?year=2024&format=xlsx&sep=semicolon');
    expect(refused.status).toBe(400);
    expect(refused.body.problems.map((p: { field: string }) => p.field)).toEqual(['sep']);
  });
});
