/**
 * RFC 4180 CSV for spreadsheet users: CRLF line ends, every field holding the separator, a
 * double quote, CR or LF is quoted (quotes doubled), and the text starts with a UTF-8 byte
 * order mark so that Excel reads accented names ("Unità") as UTF-8. A text cell starting with
 * = + - @ or a tab/CR is prefixed with a single quote (OWASP "CSV injection"), so that Excel
 * shows it as text instead of evaluating it as a formula; numbers are written as they are.
 *
 * Two dialects: `comma` (the default: `,` between fields, `.` in numbers) and `semicolon`, the
 * one Excel set to Italian (or any locale with a decimal comma) opens with a double click: `;`
 * between fields and `,` as the decimal mark (80.5 is written 80,5).
 */

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvTable {
  columns: string[];
  rows: CsvCell[][];
}

export const CSV_SEPARATORS = ['comma', 'semicolon'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

export const CSV_BOM = '\uFEFF';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

const FORMULA_START = /^[=+\-@\t\r]/;

const DIALECTS: { [S in CsvSeparator]: { separator: string; needsQuotes: RegExp; number: (value: number) => string } } = {
  comma: { separator: ',', needsQuotes: /[",\r\n]/, number: String },
  semicolon: { separator: ';', needsQuotes: /[";\r\n]/, number: (value) => String(value).replace('.', ',') },
};

/** The whole document: BOM, header line, one line per row, each line ended by CRLF. */
export function toCsv({ columns, rows }: CsvTable, separator: CsvSeparator = 'comma'): string {
  const dialect = DIALECTS[separator];
  const field = (cell: CsvCell): string => {
    if (cell === null || cell === undefined) return '';
    if (typeof cell === 'number') return dialect.number(cell);
    if (typeof cell !== 'string') return String(cell);
    const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
    return dialect.needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns, ...rows].map((cells) => `${cells.map(field).join(dialect.separator)}\r\n`);
  return CSV_BOM + lines.join('');
}
