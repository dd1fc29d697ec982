/**
 * RFC 4180 CSV for spreadsheet users: CRLF line ends, every field holding a comma, a double
 * quote, CR or LF is quoted (quotes doubled), and the text starts with a UTF-8 byte order mark
 * so that Excel reads accented names ("Unità") as UTF-8. A text cell starting with = + - @ or
 * a tab/CR is prefixed with a single quote (OWASP "CSV injection"), so that Excel shows it as
 * text instead of evaluating it as a formula; numbers are written as they are.
 */

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvTable {
  columns: string[];
  rows: CsvCell[][];
}

export const CSV_BOM = '\uFEFF';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

function field(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole document: BOM, header line, one line per row, each line ended by CRLF. */
export function toCsv({ columns, rows }: CsvTable): string {
  const lines = [columns, ...rows].map((cells) => `${cells.map(field).join(',')}\r\n`);
  return CSV_BOM + lines.join('');
}
