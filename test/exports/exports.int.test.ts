/**
 * CSV and JSON exports of the read views, parsed back with a real CSV parser: given the seed
 * documents and a small org with awkward text, when a view is asked as CSV, then every row of
 * the JSON answer is in the sheet, text survives quoting, and every row carries the basis.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

type Row = Record<string, string>;
const rowsOf = (csv: string): Row[] => parse(csv, { bom: true, columns: true }) as Row[];

const AWKWARD_NAME = 'Unità "Speciale", Sede di Città';
const AWKWARD_TEXT = 'Gestione di: archivi, protocollo;\n"sportello" e\r\nrelazioni';

describe('exports', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp({ env: { ORGTRAIL_SEED: 'auto' } });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'prova', name: 'Ente di prova' }));
    await accepted(
      api.post('/api/v1/orgs/prova/reorganizations', {
        act: { id: 'DG-1', kind: 'delibera', title: 'Atto, con "virgolette"', date: '2023-12-01' },
        effectiveFrom: '2024-01-01',
        changes: [
          { op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' },
          { op: 'establish', unitId: 'sede', name: AWKWARD_NAME, kind: 'area', parentId: 'dg' },
          { op: 'establish', unitId: 'archivio', name: 'Unità Archivio', kind: 'unita', parentId: 'sede' },
          { op: 'assign-competency', unitId: 'archivio', competencyId: 'c-1', text: AWKWARD_TEXT },
          { op: 'assign-competency', unitId: 'archivio', competencyId: 'c-2', text: 'Conservazione' },
          { op: 'appoint-head', unitId: 'sede', person: 'Anna Rossi', title: 'Direttrice' },
        ],
      }),
    );
    await accepted(
      api.post('/api/v1/orgs/prova/objectives', {
        objectiveId: 'ob-1', unitId: 'archivio', title: 'Digitalizzare, in tempo', effectiveFrom: '2024-01-01',
        indicators: [
          { indicatorId: 'i-1', description: 'Pratiche "digitali"', unit: '%', target: 80 },
          { indicatorId: 'i-2', description: 'Tempi medi', unit: 'giorni', target: 30 },
        ],
      }),
    );
    await accepted(api.post('/api/v1/orgs/prova/objectives', { objectiveId: 'ob-2', unitId: 'dg', title: 'Coordinare', effectiveFrom: '2024-01-01' }));
  });

  afterAll(() => app.close());

  it('exports the seeded org chart with a BOM, CRLF lines and one row per unit and per competency', async () => {
    const json = await api.get('/api/v1/orgs/comune-milano/org-chart?at=2024-06-01');
    const csv = await api.get(`/api/v1/orgs/comune-milano/org-chart?at=2024-06-01&asOfPosition=${json.body.position}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="comune-milano_org-chart_2024-06-01_p${json.body.position}.csv"`);
    const raw = await (await fetch(`${app.url}/api/v1/orgs/comune-milano/org-chart?at=2024-06-01&format=csv`, { headers: { authorization: `Bearer ${app.adminToken}` } })).arrayBuffer();
    expect([...new Uint8Array(raw.slice(0, 3))]).toEqual([0xef, 0xbb, 0xbf]);
    // Records end with CRLF: read with CRLF as the only record delimiter, the sheet is the same.
    expect(csv.body.endsWith('\r\n')).toBe(true);
    expect(parse(csv.body, { bom: true, columns: true, record_delimiter: ['\r\n'] })).toEqual(rowsOf(csv.body));

    const rows = rowsOf(csv.body);
    const units: { unitId: string; name: string; competencies: unknown[] }[] = json.body.units;
    const unitRows = rows.filter((r) => r.rowType === 'unit');
    expect(unitRows.map((r) => r.unitId).sort()).toEqual(units.map((u) => u.unitId).sort());
    expect(rows.filter((r) => r.rowType === 'competency')).toHaveLength(units.reduce((n, u) => n + u.competencies.length, 0));
    for (const unit of units) expect(unitRows.find((r) => r.unitId === unit.unitId)?.name).toBe(unit.name);
    expect(units.some((u) => u.name.includes('à'))).toBe(true);
    expect(rows.every((r) => r.basisAt === '2024-06-01' && r.basisPosition === String(json.body.position))).toBe(true);
  });

  it('writes the path of parents, the head and awkward text so that a parser reads them back unchanged', async () => {
    const rows = rowsOf((await api.get('/api/v1/orgs/prova/org-chart?at=2024-06-01&format=csv')).body);
    expect(rows.map((r) => [r.rowType, r.unitId, r.competencyId])).toEqual([
      ['unit', 'dg', ''],
      ['unit', 'sede', ''],
      ['unit', 'archivio', ''],
      ['competency', 'archivio', 'c-1'],
      ['competency', 'archivio', 'c-2'],
    ]);
    expect(rows[2]).toMatchObject({ path: `Direzione Generale > ${AWKWARD_NAME}`, name: 'Unità Archivio', parentId: 'sede' });
    expect(rows[1]).toMatchObject({ name: AWKWARD_NAME, headPerson: 'Anna Rossi', headTitle: 'Direttrice', path: 'Direzione Generale' });
    expect(rows[3]!.competencyText).toBe(AWKWARD_TEXT);
  });

  it('adds the provenance of each row\'s facts with provenance=true: acts, approximate/inferred flags, full JSON', async () => {
    const json = await api.get('/api/v1/orgs/comune-milano/org-chart?at=2024-06-01&provenance=true');
    const rows = rowsOf((await api.get(`/api/v1/orgs/comune-milano/org-chart?at=2024-06-01&provenance=true&asOfPosition=${json.body.position}&format=csv`)).body);
    type Fact = { approximate: boolean; inferred: boolean; act: { id: string } | null } | null;
    const facts = (p: Record<string, Fact>) => Object.values(p).filter((f): f is NonNullable<Fact> => f !== null);
    for (const unit of json.body.units as { unitId: string; provenance: Record<string, Fact> }[]) {
      const row = rows.find((r) => r.rowType === 'unit' && r.unitId === unit.unitId)!;
      expect(JSON.parse(row.provenance!)).toEqual(unit.provenance);
      expect(row.approximate).toBe(String(facts(unit.provenance).some((f) => f.approximate)));
      expect(row.inferred).toBe(String(facts(unit.provenance).some((f) => f.inferred)));
      const actIds = [...new Set(facts(unit.provenance).flatMap((f) => (f.act ? [f.act.id] : [])))];
      expect(row.factActIds === '' ? [] : row.factActIds!.split(' | ').sort()).toEqual(actIds.sort());
    }
    const plain = rowsOf((await api.get('/api/v1/orgs/comune-milano/org-chart?at=2024-06-01&format=csv')).body);
    expect(Object.keys(plain[0]!)).not.toContain('provenance');
  });

  it('chooses CSV by Accept: text/csv, and the explicit format wins over Accept', async () => {
    const byParam = await api.get('/api/v1/orgs/prova/org-chart?at=2024-06-01&format=csv');
    const byAccept = await api.get('/api/v1/orgs/prova/org-chart?at=2024-06-01', { accept: 'text/csv' });
    expect(byAccept.contentType).toMatch(/^text\/csv/);
    expect(rowsOf(byAccept.body).map(({ basisAsKnownAt: _, ...r }) => r)).toEqual(rowsOf(byParam.body).map(({ basisAsKnownAt: _, ...r }) => r));
    const jsonWins = await api.get('/api/v1/orgs/prova/org-chart?at=2024-06-01&format=json', { accept: 'text/csv' });
    expect(jsonWins.contentType).toMatch(/^application\/json/);
  });

  it('exports the PDO as one row per objective × indicator, and an objective without indicators as one row', async () => {
    const rows = rowsOf((await api.get('/api/v1/orgs/prova/pdo?year=2024&at=2024-06-01&format=csv')).body);
    expect(rows.map((r) => [r.objectiveId, r.indicatorId, r.target])).toEqual([
      ['ob-1', 'i-1', '80'],
      ['ob-1', 'i-2', '30'],
      ['ob-2', '', ''],
    ]);
    expect(rows[0]).toMatchObject({ title: 'Digitalizzare, in tempo', indicatorDescription: 'Pratiche "digitali"', year: '2024' });

    const seeded = await api.get('/api/v1/orgs/comune-milano/pdo?year=2024&at=2024-06-01');
    const seededRows = rowsOf((await api.get(`/api/v1/orgs/comune-milano/pdo?year=2024&at=2024-06-01&asOfPosition=${seeded.body.position}&format=csv`)).body);
    const objectives: { indicators: unknown[] }[] = seeded.body.objectives;
    expect(objectives.length).toBeGreaterThan(0);
    expect(seededRows).toHaveLength(objectives.reduce((n, o) => n + Math.max(1, o.indicators.length), 0));
  });

  it('exports a history as one row per field change, with the act and when it was recorded', async () => {
    const json = await api.get('/api/v1/orgs/prova/units/archivio/history');
    const csv = await api.get(`/api/v1/orgs/prova/units/archivio/history?asOfPosition=${json.body.position}&format=csv`);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="prova_unit-archivio-history_all-dates_p${json.body.position}.csv"`);
    const rows = rowsOf(csv.body);
    const history: { type: string; changes: { field: string; before: unknown; after: unknown }[] }[] = json.body.history;
    const expected = history.flatMap((e) => (e.changes.length === 0 ? [[e.type, '', '']] : e.changes.map((c) => [e.type, c.field, typeof c.after === 'string' ? c.after : JSON.stringify(c.after)])));
    expect(expected.length).toBeGreaterThan(history.length);
    expect(rows.map((r) => [r.type, r.field, r.after])).toEqual(expected);
    expect(rows[0]).toMatchObject({ actId: 'DG-1', actTitle: 'Atto, con "virgolette"', effectiveFrom: '2024-01-01', basisAt: '' });
    expect(JSON.parse(rows[0]!.change!)).toEqual(json.body.history[0].change);
  });

  it('exports a diff as one row per change, with the responsible events and both cuts as its basis', async () => {
    const json = await api.get('/api/v1/orgs/prova/org-chart/diff?from=2023-12-31&to=2024-06-01');
    const csv = await api.get(`/api/v1/orgs/prova/org-chart/diff?from=2023-12-31&to=2024-06-01&asOfPosition=${json.body.position}&format=csv`);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="prova_org-chart-diff_2023-12-31_to_2024-06-01_p${json.body.position}.csv"`);
    const rows = rowsOf(csv.body);
    const changes: { change: string; unitId: string; to: string | null; events: { act: { id: string } | null }[] }[] = json.body.changes;
    expect(changes.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r.change, r.unitId, r.to, r.actIds])).toEqual(changes.map((c) => [c.change, c.unitId ?? '', c.to ?? '', c.events.map((e) => e.act?.id ?? '').join(' | ')]));
    expect(rows.find((r) => r.competencyId === 'c-1')?.competencyText).toBe(AWKWARD_TEXT);
    expect(rows[0]).toMatchObject({ basisCompare: 'valid-time', basisFrom: '2023-12-31', basisTo: '2024-06-01', basisPosition: String(json.body.position) });
  });

  it('exports JSON as an attachment equal to the plain answer, and names the basis in a header', async () => {
    const { position } = (await api.get('/api/v1/orgs')).body;
    const plain = await api.get(`/api/v1/orgs/prova/pdo?year=2024&at=2024-06-01&asOfPosition=${position}`);
    const exported = await api.get(`/api/v1/orgs/prova/pdo?year=2024&at=2024-06-01&asOfPosition=${position}&format=json`);
    expect(exported.body).toEqual(plain.body);
    expect(plain.headers.get('content-disposition')).toBeNull();
    expect(exported.headers.get('content-disposition')).toBe(`attachment; filename="prova_pdo_2024-06-01_p${plain.body.position}.json"`);
    expect(exported.headers.get('x-orgtrail-basis')).toBe(`at=2024-06-01; asKnownAt=${plain.body.asKnownAt}; position=${plain.body.position}`);
  });

  it('documents the CSV answer of every exportable read in the OpenAPI document, and only theirs', async () => {
    const { paths } = (await api.get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>> };
    const csvPaths = Object.entries(paths).filter(([, item]) => item.get && Object.keys(item.get.responses['200']?.content ?? {}).includes('text/csv')).map(([path]) => path);
    expect(csvPaths).toEqual(expect.arrayContaining(['/api/v1/orgs/{org}/org-chart', '/api/v1/orgs/{org}/pdo', '/api/v1/orgs/{org}/units/{unitId}/history', '/api/v1/orgs/{org}/org-chart/diff']));
    expect(csvPaths).not.toContain('/api/v1/orgs/{org}/units/{unitId}');
  });

  it('serves CSV exports of public data without a token, like the same read as JSON; provenance stays for auditors', async () => {
    const anonymous = apiClient(app.url);
    expect((await anonymous.get('/api/v1/orgs/prova/org-chart?format=json')).status).toBe(200);
    const byFormat = await anonymous.get('/api/v1/orgs/prova/org-chart?at=2024-06-01&format=csv');
    expect(byFormat.status).toBe(200);
    expect(rowsOf(byFormat.body).map((row) => row['unitId'])).toContain('archivio');
    expect((await anonymous.get('/api/v1/orgs/prova/org-chart', { accept: 'text/csv' })).status).toBe(200);
    expect((await anonymous.get('/api/v1/orgs/prova/org-chart?format=csv&provenance=true')).status).toBe(401);
  });

  it('writes the semicolon dialect with sep=semicolon: ";" between fields, decimal commas, the BOM kept', async () => {
    const comma = rowsOf((await api.get('/api/v1/orgs/prova/pdo?year=2024&at=2024-06-01&format=csv')).body);
    const response = await fetch(`${app.url}/api/v1/orgs/prova/pdo?year=2024&at=2024-06-01&format=csv&sep=semicolon`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toContain('year;objectiveId;unitId;title');
    const semicolon = parse(text, { bom: true, columns: true, delimiter: ';' }) as Row[];
    expect(semicolon.map((row) => row['title'])).toEqual(comma.map((row) => row['title']));
    expect(semicolon.map((row) => row['target'])).toEqual(comma.map((row) => row['target']?.replace('.', ',')));
    expect((await api.get('/api/v1/orgs/prova/pdo?sep=tab&format=csv')).body.problems.map((p: { field: string }) => p.field)).toEqual(['sep']);
  });

  it('rejects an unknown format with a 400 naming the field', async () => {
    const r = await api.get('/api/v1/orgs/prova/org-chart?format=xml');
    expect(r.status).toBe(400);
    expect(r.body.problems.map((p: { field: string }) => p.field)).toEqual(['format']);
  });
});
