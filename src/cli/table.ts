/**
 * Human-readable tables: aligned columns, a header and a rule. Nothing is ever cut: columns of
 * long text (`wrap`) are narrowed to fit the width and their cells continue on further lines
 * (words kept whole where they fit, with a hanging indent); every other column (ids, dates,
 * numbers) keeps its full width, so an id can always be copied whole into another command. If
 * those alone are wider than the terminal, the line is simply longer. The width is the
 * terminal's when stdout is a TTY, else $COLUMNS, else 160; `Infinity` (--wide) never wraps.
 * Machines should use --json or --csv instead.
 */

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Long text that may wrap onto further lines to fit the width. */
  wrap?: boolean;
  /** A wrapping column is not narrowed below this many characters (default 12). */
  minWidth?: number;
}

const DEFAULT_WIDTH = 160;
const DEFAULT_MIN_WIDTH = 12;
const GAP = '  ';

export function terminalWidth(wide: boolean, env: NodeJS.ProcessEnv = process.env): number {
  if (wide) return Number.POSITIVE_INFINITY;
  if (process.stdout.isTTY && process.stdout.columns > 0) return process.stdout.columns;
  const columns = Number(env['COLUMNS']);
  return Number.isInteger(columns) && columns > 0 ? columns : DEFAULT_WIDTH;
}

/** One line: line breaks and tabs become spaces; leading spaces (tree indentation) are kept. */
function flatten(cell: string): string {
  return cell.replace(/[\r\n\t]+/g, ' ').trimEnd();
}

/** Widths that fit `total`: only wrapping columns are narrowed, the widest first, never below their minimum. */
function fitWidths(columns: Column[], natural: number[], total: number): number[] {
  const widths = [...natural];
  const used = () => widths.reduce((sum, w) => sum + w, 0) + GAP.length * (widths.length - 1);
  while (used() > total) {
    let widest = -1;
    for (let i = 0; i < widths.length; i += 1) {
      const floor = Math.min(natural[i]!, columns[i]!.minWidth ?? DEFAULT_MIN_WIDTH);
      if (columns[i]!.wrap && widths[i]! > floor && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest < 0) break;
    widths[widest] = widths[widest]! - 1;
  }
  return widths;
}

/** The lines of a text in `width` columns: whole words where they fit, long words split, continuation lines indented two more. */
export function wrapText(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const indent = /^ */.exec(text)![0];
  if (width - indent.length < 4) return Array.from({ length: Math.ceil(text.length / Math.max(1, width)) }, (_, k) => text.slice(k * Math.max(1, width), (k + 1) * Math.max(1, width)));
  const hanging = width - indent.length - 2 >= 8 ? `${indent}  ` : indent;
  const lines: string[] = [];
  let line = indent;
  const room = () => width - line.length;
  for (let word of text.slice(indent.length).split(/ +/)) {
    const prefix = line.trim() === '' ? '' : ' ';
    if (prefix.length + word.length <= room()) {
      line += prefix + word;
      continue;
    }
    if (line.trim() !== '') {
      lines.push(line);
      line = hanging;
    }
    while (word.length > room()) {
      lines.push(line + word.slice(0, room()));
      word = word.slice(room());
      line = hanging;
    }
    line += word;
  }
  lines.push(line);
  return lines;
}

export function renderTable(columns: Column[], rows: string[][], totalWidth = terminalWidth(false)): string {
  const cells = rows.map((row) => row.map(flatten));
  const natural = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => (row[i] ?? '').length)));
  const widths = fitWidths(columns, natural, totalWidth);
  const lines = (row: string[]): string[] => {
    const wrapped = columns.map((column, i) => (column.wrap ? wrapText(row[i] ?? '', widths[i]!) : [row[i] ?? '']));
    const height = Math.max(...wrapped.map((cell) => cell.length));
    return Array.from({ length: height }, (_, k) =>
      wrapped
        .map((cell, i) => {
          const text = cell[k] ?? '';
          return columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
        })
        .join(GAP)
        .trimEnd(),
    );
  };
  return [...lines(columns.map((c) => c.header)), widths.map((w) => '─'.repeat(w)).join(GAP), ...cells.flatMap(lines)].join('\n');
}

/** A table of arbitrary records (answers whose shape the CLI does not know): scalar fields as columns, objects as JSON. */
export function renderRecords(records: readonly object[], totalWidth?: number): string {
  const entries = records.map((r) => new Map(Object.entries(r)));
  const keys = [...new Set(entries.flatMap((r) => [...r.keys()]))];
  const text = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return renderTable(
    keys.map((header) => ({ header, wrap: true })),
    entries.map((r) => keys.map((k) => text(r.get(k)))),
    totalWidth,
  );
}
