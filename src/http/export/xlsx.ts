/**
 * The XLSX form of an export (exceljs): the view's table on its own sheet, with the header row
 * frozen and filterable, then a `basis` sheet naming the cut. Cells are typed: numbers and
 * booleans as such; a calendar date (YYYY-MM-DD) as an Excel date shown dd/mm/yyyy; an instant
 * (ISO 8601 with a time zone) as an Excel date-time in UTC, shown dd/mm/yyyy hh:mm:ss; any other
 * value as text — never as a formula, so no text can run in a spreadsheet.
 */
import ExcelJS from 'exceljs';
import type { CsvCell, CsvTable } from './csv.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_FORMAT = 'dd/mm/yyyy';
const INSTANT_FORMAT = 'dd/mm/yyyy hh:mm:ss';
const MAX_COLUMN_WIDTH = 60;

type XlsxCell = string | number | boolean | Date | null;

function typedCell(cell: CsvCell): { value: XlsxCell; numFmt?: string } {
  if (cell === null || cell === undefined || cell === '') return { value: null };
  if (typeof cell !== 'string') return { value: cell };
  const date = DATE.exec(cell);
  if (date) return { value: new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]))), numFmt: DATE_FORMAT };
  if (INSTANT.test(cell) && !Number.isNaN(Date.parse(cell))) return { value: new Date(cell), numFmt: INSTANT_FORMAT };
  return { value: cell };
}

/** Excel forbids []:*?/\ in sheet names and allows 31 characters. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'sheet';
}

function addTable(workbook: ExcelJS.Workbook, name: string, { columns, rows }: CsvTable): void {
  const sheet = workbook.addWorksheet(sheetName(name), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(columns).font = { bold: true };
  const widths = columns.map((column) => column.length);
  for (const cells of rows) {
    const row = sheet.addRow([]);
    cells.forEach((cell, index) => {
      const { value, numFmt } = typedCell(cell);
      if (value === null) return;
      const target = row.getCell(index + 1);
      target.value = value;
      if (numFmt) target.numFmt = numFmt;
      widths[index] = Math.max(widths[index] ?? 0, numFmt ? numFmt.length : String(value).length);
    });
  }
  widths.forEach((width, index) => (sheet.getColumn(index + 1).width = Math.min(MAX_COLUMN_WIDTH, width + 2)));
  if (columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

/** A workbook of one sheet per table, in order; `basis` fields are named on a last `basis` sheet. */
export async function toXlsx(tables: { name: string; table: CsvTable }[], basis: Record<string, string | number | null>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'orgtrail';
  for (const { name, table } of tables) addTable(workbook, name, table);
  addTable(workbook, 'basis', { columns: ['field', 'value'], rows: [...Object.entries(basis), ['instants', 'UTC']] });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
