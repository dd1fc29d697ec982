/**
 * Hand-made snapshot files for the import tests. SAMPLES OF THE LAYOUTS, NOT REAL DATA: the
 * codes, names and people are invented; only the column layouts are those of the IndicePA
 * "Unità organizzative" export and of orgtrail's generic organigramma (docs/import.md).
 */
import ExcelJS from 'exceljs';

/** IndicePA columns, in the order of the open-data export (the import reads only some of them). */
export const INDICEPA_HEADER = [
  'Codice_IPA', 'Denominazione_ente', 'Codice_fiscale_ente', 'Codice_uni_uo', 'Codice_uni_aoo', 'Codice_uni_uo_padre', 'Descrizione_uo',
  'Data_istituzione', 'Nome_responsabile', 'Cognome_responsabile', 'Mail_responsabile', 'Telefono_responsabile', 'Codice_comune_ISTAT',
  'CAP', 'Indirizzo', 'Mail1', 'Data_aggiornamento',
];

export type IpaRow = { code: string; parent?: string; name: string; head?: [string, string]; updated: string; ipa?: string };

/** A sample IndicePA CSV: `;`-separated with a BOM (as the portal's export is opened and saved in Excel), or `,` without. */
export function indicePaCsv(rows: IpaRow[], options: { sep?: ';' | ','; bom?: boolean } = {}): string {
  const sep = options.sep ?? ';';
  const lines = [INDICEPA_HEADER.join(sep)];
  for (const r of rows) {
    const ipa = r.ipa ?? 'c_x000';
    lines.push([ipa, ipa === 'c_x000' ? 'Comune di Esempio' : 'Altro Ente', '00000000000', r.code, 'A00X', r.parent ?? '', r.name, '2010-01-01', r.head?.[0] ?? '', r.head?.[1] ?? '', '', '', '000000', '00100', 'Via Esempio 1', 'protocollo@example.org', r.updated].join(sep));
  }
  return `${options.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
}

export type OrgRow = { date?: string; code: string; parent?: string; name: string; kind: string; head?: string; title?: string; competency?: string };
export const ORGANIGRAMMA_HEADER = ['data_istantanea', 'codice', 'codice_padre', 'denominazione', 'tipo', 'responsabile', 'incarico', 'competenza'];
const orgCells = (r: OrgRow) => [r.date ?? '', r.code, r.parent ?? '', r.name, r.kind, r.head ?? '', r.title ?? '', r.competency ?? ''];

/** A sample generic organigramma as CSV (`,`, quoted where needed). */
export function organigrammaCsv(rows: OrgRow[]): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${[ORGANIGRAMMA_HEADER, ...rows.map(orgCells)].map((cells) => cells.map(quote).join(',')).join('\n')}\n`;
}

/** A sample generic organigramma as XLSX, written with exceljs (dates as real date cells). */
export async function organigrammaXlsx(rows: OrgRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Organigramma');
  sheet.addRow(ORGANIGRAMMA_HEADER);
  for (const r of rows) {
    const cells: unknown[] = orgCells(r);
    if (r.date) cells[0] = new Date(`${r.date}T00:00:00Z`);
    sheet.addRow(cells);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A sample IndicePA snapshot as XLSX. */
export async function indicePaXlsx(rows: IpaRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('UO');
  const [header, ...lines] = indicePaCsv(rows, { sep: ';', bom: false }).trimEnd().split('\r\n');
  sheet.addRow(header!.split(';'));
  for (const line of lines) sheet.addRow(line.split(';'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** POSTs one file as the body of /snapshots. */
export async function postSnapshot(url: string, token: string, org: string, file: string | Buffer, query: Record<string, string> = {}, name = 'snapshot.csv') {
  const qs = new URLSearchParams({ filename: name, ...query }).toString();
  const response = await fetch(`${url}/api/v1/orgs/${org}/snapshots?${qs}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': typeof file === 'string' ? 'text/csv' : XLSX_TYPE },
    body: typeof file === 'string' ? file : new Uint8Array(file),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
}
