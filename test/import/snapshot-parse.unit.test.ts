/**
 * Reading snapshot files (issue 16): both layouts, CSV with `;` or `,`, with or without BOM, and
 * XLSX; the IndicePA filter to one Codice_IPA; the snapshot date's origin; a file that is not
 * what it claims is a problem naming its line, never a crash. The files are samples of the
 * layouts, not real data (snapshot-samples.ts).
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/import/snapshot/parse-snapshot.ts';
import { indicePaCsv, indicePaXlsx, organigrammaCsv, type IpaRow } from './snapshot-samples.ts';

const rows: IpaRow[] = [
  { code: 'UDG001', name: 'Direzione Generale', head: ['Maria', 'Verdi'], updated: '2024-02-01' },
  { code: 'UFE005', name: 'Uff_eFatturaPA', updated: '10/03/2024' },
  { code: 'UCU002', parent: 'UDG001', name: 'Area Cultura', updated: '2024-01-15' },
  { code: 'ZZZ999', name: 'Altro', updated: '2025-01-01', ipa: 'c_y111' },
];
/** The input split into small chunks, as a slow upload arrives. */
const chunked = (bytes: Buffer | string, size = 7) => {
  const b = Buffer.from(bytes);
  return Readable.from((function* () {
    for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
  })());
};
const parse = (input: Readable, options: { orgCode?: string; date?: string; fileDate?: string } = {}) => parseSnapshot(input, { fileName: 'f', maxDepth: 32, ...options });

describe('reading snapshot files', () => {
  it.each([
    ['semicolon with BOM', indicePaCsv(rows, { sep: ';', bom: true })],
    ['comma without BOM', indicePaCsv(rows, { sep: ',', bom: false })],
  ])('IndicePA CSV, %s: the org\'s rows, parents first, the latest Data_aggiornamento as the date', async (_, csv) => {
    const r = await parse(chunked(csv), { orgCode: 'c_x000' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.snapshot).toMatchObject({ layout: 'indicepa', format: 'csv', rowsRead: 4, rowsKept: 3, orgCode: 'c_x000', orgName: 'Comune di Esempio', snapshotDate: '2024-03-10', dateOrigin: 'file-column' });
    expect(r.snapshot.units.map((u) => [u.unitId, u.kind, u.parentId, u.head?.person ?? null, u.line])).toEqual([
      ['UDG001', 'direzione', null, 'Maria Verdi', 2],
      ['UFE005', 'ufficio-fatturazione-elettronica', null, null, 3],
      ['UCU002', 'area', 'UDG001', null, 4],
    ]);
  });

  it('IndicePA XLSX reads the same units', async () => {
    const r = await parse(chunked(await indicePaXlsx(rows), 1000), { orgCode: 'c_x000' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.snapshot.format).toBe('xlsx');
    expect(r.snapshot.units.map((u) => u.unitId)).toEqual(['UDG001', 'UFE005', 'UCU002']);
  });

  it('a file of several bodies needs the Codice_IPA filter', async () => {
    const r = await parse(chunked(indicePaCsv(rows)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([expect.objectContaining({ code: 'org_filter_needed', line: 5, columnName: 'Codice_IPA' })]);
  });

  it('the date: given wins; else the file\'s own date, marked as such', async () => {
    const csv = organigrammaCsv([{ code: 'dg', name: 'Direzione Generale', kind: 'direzione' }]);
    const given = await parse(chunked(csv), { date: '2024-05-05', fileDate: '2024-06-06' });
    const own = await parse(chunked(csv), { fileDate: '2024-06-06' });
    expect(given.ok && [given.snapshot.snapshotDate, given.snapshot.dateOrigin]).toEqual(['2024-05-05', 'given']);
    expect(own.ok && [own.snapshot.snapshotDate, own.snapshot.dateOrigin]).toEqual(['2024-06-06', 'file-date']);
  });

  it('organigramma, one row per competency: one unit with its competencies', async () => {
    const csv = organigrammaCsv([
      { date: '2024-01-01', code: 'dg', name: 'Direzione Generale', kind: 'direzione', head: 'Paola Neri', title: 'Direttrice', competency: 'Coordinamento, indirizzo' },
      { date: '2024-01-01', code: 'dg', name: 'Direzione Generale', kind: 'direzione', head: 'Paola Neri', title: 'Direttrice', competency: 'Controllo' },
    ]);
    const r = await parse(chunked(csv));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.snapshot.units).toEqual([{ unitId: 'dg', name: 'Direzione Generale', parentId: null, kind: 'direzione', head: { person: 'Paola Neri', title: 'Direttrice' }, competencies: ['Coordinamento, indirizzo', 'Controllo'], line: 2 }]);
  });

  it('a file that is not the CSV it claims is a problem on its line, not a crash', async () => {
    const r = await parse(chunked('codice,codice_padre,denominazione,tipo\ndg,,"Direzione "Generale,direzione\n'), { date: '2024-01-01' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([expect.objectContaining({ code: 'unreadable_file', line: 2 })]);
  });

  it('a damaged XLSX is a problem, not a crash', async () => {
    const xlsx = await indicePaXlsx(rows);
    const r = await parse(chunked(Buffer.concat([xlsx.subarray(0, 600), Buffer.alloc(300)]), 100), { orgCode: 'c_x000' });
    expect(r.ok).toBe(false);
  });
});
