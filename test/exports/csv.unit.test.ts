/** RFC 4180 writing: what a spreadsheet and a strict parser both read back unchanged. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, toCsv } from '../../src/http/export/csv.ts';

const column = (csv: string): string[] => (parse(csv, { bom: true, columns: true }) as { x: string }[]).map((r) => r.x);

describe('toCsv', () => {
  it('starts with a BOM and ends every line, the last included, with CRLF', () => {
    const csv = toCsv({ columns: ['a', 'b'], rows: [['1', 2]] });
    expect(csv).toBe(`${CSV_BOM}a,b\r\n1,2\r\n`);
  });

  it('quotes fields with commas, quotes, CR or LF, doubling the quotes, and a parser reads them back', () => {
    const tricky = ['Unità "Speciale", Sede', 'riga uno\nriga due', 'a\r\nb', 'plain'];
    const csv = toCsv({ columns: ['x'], rows: tricky.map((t) => [t]) });
    expect(csv).toContain('"Unità ""Speciale"", Sede"');
    expect(column(csv)).toEqual(tricky);
  });

  it('writes null and undefined as empty fields, numbers and booleans as they are', () => {
    expect(toCsv({ columns: ['a', 'b', 'c', 'd'], rows: [[null, undefined, -1.5, true]] })).toBe(`${CSV_BOM}a,b,c,d\r\n,,-1.5,true\r\n`);
  });

  it('prefixes text that a spreadsheet would evaluate as a formula with a single quote', () => {
    const csv = toCsv({ columns: ['x'], rows: [['=SUM(A1)'], ['-gestione'], ['+39 02'], ['@cmd'], ['nota = 1']] });
    expect(column(csv)).toEqual(["'=SUM(A1)", "'-gestione", "'+39 02", "'@cmd", 'nota = 1']);
  });
});

describe('toCsv, semicolon dialect (Excel in Italian)', () => {
  const parseSemicolon = (csv: string) => parse(csv, { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];

  it('separates fields with ";", keeps the BOM and CRLF, and writes decimals with a comma', () => {
    const csv = toCsv({ columns: ['nome', 'valore', 'intero'], rows: [['Unità, Sede', 80.5, 3]] }, 'semicolon');
    expect(csv).toBe(`${CSV_BOM}nome;valore;intero\r\nUnità, Sede;80,5;3\r\n`);
    expect(parseSemicolon(csv)).toEqual([{ nome: 'Unità, Sede', valore: '80,5', intero: '3' }]);
  });

  it('quotes fields holding ";" (not a comma), and a parser reads them back', () => {
    const tricky = ['archivi; protocollo', 'a, b', 'riga\r\ndue', 'virgolette "x"'];
    const csv = toCsv({ columns: ['x'], rows: tricky.map((t) => [t]) }, 'semicolon');
    expect(csv).toContain('"archivi; protocollo"');
    expect(csv).toContain('\r\na, b\r\n');
    expect(parseSemicolon(csv).map((row) => row['x'])).toEqual(tricky);
  });
});
