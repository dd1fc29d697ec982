/**
 * Reading plan tables (docs/import.md, "Plan tables"): the layout's columns and Italian aliases,
 * CSV with comma or semicolon, with or without BOM, XLSX; and every malformed case reported with
 * file, line and column. The tables below are samples of the layout, not real data.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { UnprocessableError } from '../../src/errors.ts';
import { parsePlanTable } from '../../src/import/plan/parse-plan-table.ts';
import { readTableFile } from '../../src/import/plan/read-table-file.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const read = async (text: string | Uint8Array, file = 'piano.csv') => parsePlanTable(await readTableFile(file, typeof text === 'string' ? bytes(text) : text));
async function problemsOf(text: string | Uint8Array, file = 'piano.csv') {
  try {
    await read(text, file);
  } catch (error) {
    if (error instanceof UnprocessableError) return error.problems;
    throw error;
  }
  throw new Error('the table was accepted');
}

describe('plan tables: the layout', () => {
  it('reads a semicolon CSV with a BOM: one row per objective, an empty cell is no objective that year', async () => {
    // A sample of the layout, not real data.
    const table = await read('\uFEFFDirezione;ID;Obiettivi Anno 2025;Obiettivi Anno 2026\r\nDirezione Casa;1;Ridurre le attese;\r\nDirezione Casa;2;;Censire gli alloggi\r\n');
    expect(table.years).toEqual(['2025', '2026']);
    expect(table.rows.map((r) => [r.line, r.directorate, r.id, r.years])).toEqual([
      [2, 'Direzione Casa', '1', { '2025': 'Ridurre le attese' }],
      [3, 'Direzione Casa', '2', { '2026': 'Censire gli alloggi' }],
    ]);
  });

  it('accepts the Italian aliases and spellings of every column, and reads matrix and indicator cells line by line', async () => {
    // A sample of the layout, not real data: quoted cells with line breaks hold several entries.
    const csv = [
      'Direzioni,Codice struttura,N.,Anno 2025,2026,Programmi operativi,Dimensioni,Driver valore pubblico,Codice obiettivo condiviso,Obiettivo condiviso,Codice indicatore,Indicatori,Tipo indicatore,Unità,Valore atteso',
      '"Direzione Casa",dir-casa,3,"Testo 2025","Testo 2026","Casa\nWelfare","Sociale","Efficienza\nEquità",cond-1,Aria pulita,"i1\ni2","Giorni medi\nAlloggi censiti","RISULTATO\n","giorni\n","12,5\n-3"',
    ].join('\n');
    const [row] = (await read(csv)).rows;
    expect(row).toMatchObject({
      line: 2,
      unitCode: 'dir-casa',
      id: '3',
      matrix: { programma: ['Casa', 'Welfare'], dimension: ['Sociale'], driver: ['Efficienza', 'Equità'] },
      matrixYear: 2025,
      shared: { code: 'cond-1', title: 'Aria pulita' },
      indicators: [
        { indicatorId: 'i1', description: 'Giorni medi', kind: 'RISULTATO', unit: 'giorni', target: 12.5 },
        { indicatorId: 'i2', description: 'Alloggi censiti', kind: null, unit: null, target: -3 },
      ],
    });
  });

  it('reads an XLSX workbook (first sheet) with the same meaning, lines being row numbers', async () => {
    // A sample of the layout, not real data.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('PDO');
    sheet.addRow(['Direzione', 'ID', 'Obiettivi Anno 2025', 'Obiettivi Anno 2026', 'Indicatore', 'Target']);
    sheet.addRow([]);
    sheet.addRow(['Direzione Cultura', 1, 'Aprire le biblioteche', null, 'Aperture domenicali', 40]);
    const table = await read(new Uint8Array(await workbook.xlsx.writeBuffer()), 'piano.xlsx');
    expect(table.format).toBe('xlsx');
    expect(table.rows).toMatchObject([{ line: 3, directorate: 'Direzione Cultura', id: '1', years: { '2025': 'Aprire le biblioteche' }, indicators: [{ description: 'Aperture domenicali', target: 40 }] }]);
  });
});

describe('plan tables: a malformed file is refused, naming file, line and column', () => {
  it('an unknown layout: unknown columns and no year column', async () => {
    expect(await problemsOf('Ufficio,Codice,Note\nCasa,1,x\n')).toEqual([
      { field: 'piano.csv:1:Ufficio', message: expect.stringContaining('unknown column "Ufficio"') },
      { field: 'piano.csv:1:Codice', message: expect.stringContaining('unknown column') },
      { field: 'piano.csv:1:Note', message: expect.stringContaining('unknown column') },
      { field: 'piano.csv:1:Direzione', message: 'the column "Direzione" is missing' },
      { field: 'piano.csv:1:ID', message: 'the column "ID" is missing' },
      { field: 'piano.csv:1:Obiettivi Anno 2025', message: expect.stringContaining('no plan-year column') },
    ]);
  });

  it('a bad year column: unreadable, repeated, or not consecutive', async () => {
    expect(await problemsOf('Direzione,ID,Obiettivi Anno 20X5\nCasa,1,x\n')).toContainEqual({ field: 'piano.csv:1:Obiettivi Anno 20X5', message: expect.stringContaining('four-digit year') });
    expect(await problemsOf('Direzione,ID,Anno 2025,Obiettivi 2025\nCasa,1,x,y\n')).toContainEqual({ field: 'piano.csv:1:Obiettivi 2025', message: 'a second column for year 2025' });
    expect(await problemsOf('Direzione,ID,Anno 2025,Anno 2027\nCasa,1,x,y\n')).toEqual([{ field: 'piano.csv:1', message: 'the plan years 2025, 2027 are not consecutive' }]);
  });

  it('a duplicate objective ID within a directorate (names compared as the seeds compare them)', async () => {
    expect(await problemsOf('Direzione,ID,Anno 2025\nDirezione Casa,1,x\nDirezione  casa.,1,y\nDirezione Cultura,1,z\n')).toEqual([
      { field: 'piano.csv:3:ID', message: 'duplicate objective ID 1 of "Direzione  casa." (first on line 2)' },
    ]);
  });

  it('empty keys, a row stating no year, a cell beyond the header, a target that is not a number', async () => {
    const problems = await problemsOf('Direzione,ID,Anno 2025,Indicatore,Target\n,1,x,,\nCasa,,x,,\nCasa,2,,,\nCasa,3,x,Giorni,tanti\nCasa,4,x,,,extra\n');
    expect(problems.map((p) => p.field)).toEqual(['piano.csv:2:Direzione', 'piano.csv:3:ID', 'piano.csv:4', 'piano.csv:5:Target', 'piano.csv:6:#6']);
  });

  it('cells longer than the event catalogue allows are refused here, never at the store', async () => {
    const problems = await problemsOf(`Direzione,ID,Anno 2025,Dimensione\n${'D'.repeat(501)},1,${'x'.repeat(10_001)},${'y'.repeat(501)}\n`);
    expect(problems).toEqual([
      { field: 'piano.csv:2:Direzione', message: 'longer than 500 characters' },
      { field: 'piano.csv:2:Anno 2025', message: 'longer than 10000 characters' },
      { field: 'piano.csv:2:Dimensione', message: 'longer than 500 characters' },
    ]);
  });

  it('a file that is neither CSV nor XLSX, and a CSV that cannot be parsed', async () => {
    expect(await problemsOf(new Uint8Array([0xff, 0xfe, 0x00, 0x41]), 'piano.bin')).toEqual([{ field: 'piano.bin', message: expect.stringContaining('neither an XLSX workbook nor UTF-8') }]);
    expect((await problemsOf('Direzione,ID,Anno 2025\nCasa,1,"non chiuso\n'))[0]!.field).toMatch(/^piano\.csv/);
  });
});
