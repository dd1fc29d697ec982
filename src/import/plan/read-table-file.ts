/**
 * Reads a small table file (CSV or XLSX) into rows of text cells with their line numbers:
 * CSV in UTF-8 with or without a byte order mark, comma- or semicolon-separated (the one the
 * header line uses more), quoted cells may span lines (a row's line is the line it starts on);
 * XLSX: the first worksheet, a row's line is its row number, every cell as its text. A file
 * that is neither is refused with a report naming it. Cells are trimmed; nothing else changes.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { UnprocessableError } from '../../errors.ts';
import { delimiterOf } from '../csv-delimiter.ts';

export interface TableRow {
  /** 1-based line (CSV) or row number (XLSX). */
  line: number;
  cells: string[];
}

export interface TableFile {
  file: string;
  format: 'csv' | 'xlsx';
  rows: TableRow[];
}

/** Files are loaded whole: a plan has hundreds of rows, not millions. */
export const MAX_TABLE_FILE_BYTES = 10 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function fileProblem(file: string, line: number | null, column: string | null, message: string): UnprocessableError {
  return new UnprocessableError(`${file}: ${message}`, [{ field: problemField(file, line, column), message }]);
}

/** `file:line:column` (line and column omitted when the problem is the whole file). */
export function problemField(file: string, line: number | null, column: string | null): string {
  return [file, ...(line === null ? [] : [String(line)]), ...(column === null ? [] : [column])].join(':');
}

export async function readTableFile(file: string, bytes: Uint8Array): Promise<TableFile> {
  if (bytes.length > MAX_TABLE_FILE_BYTES) throw fileProblem(file, null, null, `the file is larger than ${MAX_TABLE_FILE_BYTES} bytes`);
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return { file, format: 'xlsx', rows: await readXlsx(file, bytes) };
  return { file, format: 'csv', rows: readCsv(file, bytes) };
}

function readCsv(file: string, bytes: Uint8Array): TableRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileProblem(file, null, null, 'the file is neither an XLSX workbook nor UTF-8 text (CSV)');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = delimiterOf(text);
  try {
    const records = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: false }) as unknown as { record: string[]; info: { lines: number } }[];
    return records
      .map(({ record, info }) => ({ line: info.lines - lineBreaksIn(record), cells: record.map((c) => c.trim()) }))
      .filter((row) => row.cells.some((c) => c !== ''));
  } catch (error) {
    const lines = (error as { lines?: number }).lines ?? null;
    throw fileProblem(file, lines, null, `the CSV cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** csv-parse reports the line a record ends on; a quoted cell spanning lines moves its start back. */
function lineBreaksIn(record: string[]): number {
  return record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
}

async function readXlsx(file: string, bytes: Uint8Array): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw fileProblem(file, null, null, `the XLSX workbook cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileProblem(file, null, null, 'the workbook has no worksheet');
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)).trim());
    if (cells.some((c) => c !== '')) rows.push({ line: rowNumber, cells });
  });
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'result' in value) return value.result === undefined ? '' : String(value.result);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'object' ? (cell.text ?? '') : String(value);
}
