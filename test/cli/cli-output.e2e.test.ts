/**
 * The CLI as people read it (issue 18), run as a user runs it (`node bin/orgtrail.mjs …`)
 * against a server with the seed documents: given an imported store served over HTTP, when
 * each command is run at a narrow terminal width, then ids are whole, histories show before →
 * after in full, acts and the PDO read as tables, errors name the CLI's flags, date flags take
 * a date or an instant, the output is Italian by default (English with --lang en) with correct
 * plurals, and file exports keep the byte order mark.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfRomeDay } from '../../src/time/rome.ts';
import { romeDateOf } from '../../src/time/calendar-date.ts';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { runOrgtrail } from './run-orgtrail.ts';

const NARROW = { COLUMNS: '100' };

describe('orgtrail CLI output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orgtrail-cli-output-'));
  let app: TestApp;
  let api: ApiClient;
  const cli = (args: string[], env: Record<string, string> = NARROW) => runOrgtrail([...args, '--url', app.url, '--token', app.adminToken], env);

  beforeAll(async () => {
    app = await startTestApp({ env: { ORGTRAIL_SEED: 'auto' } });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs/comune-milano/indicators/2020_Z101.i1/measurements', { value: 87.5, measuredAt: '2020-05-31' }));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app?.close();
  });

  it('orgs lists every org with its whole id, in Italian, with the right plural', async () => {
    const run = await cli(['orgs']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^enti, come noto al \S+ \(posizione \d+\): 2 enti$/m);
    expect(run.stdout).toMatch(/^comune-milano +Comune di Milano/m);
    expect(run.stdout).toMatch(/^citta-metropolitana-milano +Città Metropolitana di Milano/m);
  });

  it('never cuts an id at 100 columns: every unit id of the chart is on a line whole', async () => {
    const chart = (await api.get('/api/v1/orgs/comune-milano/org-chart?at=2024-06-01')).body as { units: { unitId: string }[] };
    const run = await cli(['org-chart', 'comune-milano', '--at', '2024-06-01']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('…');
    for (const { unitId } of chart.units) expect(run.stdout).toMatch(new RegExp(`(^| )${unitId.replace(/[.]/g, '\\.')}( |$)`, 'm'));
  });

  it('history shows before → after in full, even for a long new value at 100 columns', async () => {
    const run = await cli(['history', 'comune-milano', '--unit', 'dir-municipi']);
    expect(run.code).toBe(0);
    const text = run.stdout.split('\n').slice(4).map((line) => line.trim()).join(' ').replace(/ +/g, ' ');
    expect(text).toContain('name: Direzione Quartieri e Municipi → Direzione Servizi Civici e Municipi');
    expect(run.stdout).toMatch(/^comune-milano dir-municipi: storia, come noto al \S+ \(posizione \d+\): \d+ modifiche$/m);
  });

  it('acts <id> prints a readable table of the changes: kind of change, subject, what it set', async () => {
    // The seed documents are sources, not acts (issue 15): the act is recorded here.
    const act = { id: 'det-cli-output-1', kind: 'determinazione', title: 'Determinazione di prova' };
    await accepted(api.post('/api/v1/orgs/comune-milano/reorganizations', { act, effectiveFrom: '2016-07-01', changes: [{ op: 'establish', unitId: 'dir-prova-cli', name: 'Direzione Prova CLI', kind: 'direzione', parentId: null }] }));
    const run = await cli(['acts', 'comune-milano', act.id]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^decorrenza +registrato il +modifica +soggetto +dettagli$/m);
    expect(run.stdout).toMatch(/^2016-07-01 +\S+ +unità istituita +dir-prova-cli +name: Direzione Prova CLI;/m);
    expect(run.stdout).not.toContain('{"');
  });

  it('pdo shows each indicator with its target and latest measurement, and counts in the singular when there is one', async () => {
    const run = await cli(['pdo', 'comune-milano', '--year', '2020', '--at', '2020-06-01']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/: 1 obiettivo, 3 indicatori$/m);
    expect(run.stdout).toMatch(/^ {2}2020_Z101\.i1 +100 % +87,5 % \(2020-05-31\)/m);
    expect(run.stdout).toMatch(/^ {2}2020_Z101\.i3 +10 +—/m);
    const english = await cli(['pdo', 'comune-milano', '--year', '2020', '--at', '2020-06-01', '--lang', 'en']);
    expect(english.stdout).toMatch(/: 1 objective, 3 indicators$/m);
    expect(english.stdout).toMatch(/^ {2}2020_Z101\.i1 +100 % +87\.5 % \(2020-05-31\)/m);
  });

  it('a diff with no change says so, and why the window may be empty', async () => {
    const run = await cli(['diff', 'comune-milano', '--pdo', '--year', '2024', '--from', '2024-01-01', '--to', '2024-12-31']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/: 0 modifiche$/m);
    expect(run.stdout).toContain('Nessuna modifica.');
    const english = await cli(['diff', 'comune-milano', '--pdo', '--year', '2024', '--from', '2023-12-31', '--to', '2024-12-31', '--lang', 'en']);
    const served = (await api.get('/api/v1/orgs/comune-milano/pdo/diff?from=2023-12-31&to=2024-12-31&year=2024')).body as { changes: unknown[] };
    expect(served.changes.length).toBeGreaterThan(1);
    expect(english.stdout).toMatch(new RegExp(`: ${served.changes.length} changes$`, 'm'));
  });

  it('errors name the CLI flags, not the API fields', async () => {
    const api400 = await cli(['pdo', 'comune-milano', '--year', '1800']);
    expect(api400.code).toBe(1);
    expect(api400.stderr).toMatch(/^ {2}--year: /m);
    const badInstant = await cli(['org-chart', 'comune-milano', '--as-known-at', '3 dicembre']);
    expect(badInstant.code).toBe(2);
    expect(badInstant.stderr).toContain('--as-known-at: ');
    expect(badInstant.stderr).not.toContain('asKnownAt');
  });

  it('--as-known-at takes a date (the end of that day, Europe/Rome) or an instant; --at takes an instant as its Rome date', async () => {
    const today = romeDateOf(new Date());
    const byDate = JSON.parse((await cli(['org-chart', 'comune-milano', '--as-known-at', today, '--json'])).stdout);
    expect(byDate.asKnownAt).toBe(endOfRomeDay(today).toISOString());
    const instant = new Date().toISOString();
    const byInstant = JSON.parse((await cli(['org-chart', 'comune-milano', '--as-known-at', instant, '--at', '2024-06-01T22:30:00Z', '--json'])).stdout);
    expect(byInstant).toMatchObject({ asKnownAt: instant, at: '2024-06-02' });
    expect(Object.keys(byInstant)).toEqual(expect.arrayContaining(['at', 'asKnownAt', 'position', 'units']));
  });

  it('export keeps the byte order mark in the file, writes ";" with --sep, and XLSX with --format xlsx', async () => {
    const comma = join(dir, 'chart.csv');
    const semicolon = join(dir, 'chart-semicolon.csv');
    const workbook = join(dir, 'pdo.xlsx');
    expect((await cli(['export', 'comune-milano', 'org-chart', '--at', '2024-06-01', '--out', comma])).code).toBe(0);
    expect((await cli(['export', 'comune-milano', 'org-chart', '--at', '2024-06-01', '--sep', ';', '--out', semicolon])).code).toBe(0);
    expect((await cli(['export', 'comune-milano', 'pdo', '--year', '2020', '--at', '2020-06-01', '--format', 'xlsx', '--out', workbook])).code).toBe(0);
    for (const file of [comma, semicolon]) expect([...readFileSync(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(readFileSync(semicolon, 'utf8'), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(rows.map((row) => row['unitId'])).toEqual((parse(readFileSync(comma, 'utf8'), { bom: true, columns: true }) as Record<string, string>[]).map((row) => row['unitId']));
    expect(rows.some((row) => row['name']?.startsWith('Unità '))).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    expect(book.worksheets[0]!.getRow(2).getCell(2).value).toBe('2020_Z101');
    const stdout = await cli(['org-chart', 'comune-milano', '--csv', '--sep', ';']);
    expect(stdout.stdout.startsWith('\uFEFFrowType;path;unitId;')).toBe(true);
  });

  it('--wide keeps each unit on one line', async () => {
    const chart = (await api.get('/api/v1/orgs/comune-milano/org-chart?at=2024-06-01')).body as { units: unknown[] };
    const run = await cli(['org-chart', 'comune-milano', '--at', '2024-06-01', '--wide']);
    expect(run.stdout.trimEnd().split('\n').slice(4)).toHaveLength(chart.units.length);
  });
});
