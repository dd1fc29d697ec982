/**
 * Human-readable tables: aligned columns, a header and a rule, long cells cut with "…" so that
 * a row fits the terminal (its width when stdout is a TTY, else 160 columns). Numbers align
 * right. Machines should use --json or --csv instead.
 */

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Cells of this column are cut first and down to this width when the row is too wide. */
  minWidth?: number;
}

const DEFAULT_WIDTH = 160;
const GAP = '  ';

/** One line: line breaks and tabs become spaces; leading spaces (tree indentation) are kept. */
function flatten(cell: string): string {
  return cell.replace(/[\r\n\t]+/g, ' ').trimEnd();
}

export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** Column widths that fit `total`: the widest column is narrowed first, never below its minWidth (default 8). */
function fitWidths(columns: Column[], natural: number[], total: number): number[] {
  const widths = [...natural];
  const used = () => widths.reduce((sum, w) => sum + w, 0) + GAP.length * (widths.length - 1);
  while (used() > total) {
    let widest = -1;
    for (let i = 0; i < widths.length; i += 1) {
      if (widths[i]! > (columns[i]!.minWidth ?? 8) && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest < 0) break;
    widths[widest] = widths[widest]! - 1;
  }
  return widths;
}

export function renderTable(columns: Column[], rows: string[][], totalWidth = process.stdout.isTTY ? process.stdout.columns : DEFAULT_WIDTH): string {
  const cells = rows.map((row) => row.map(flatten));
  const natural = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => (row[i] ?? '').length)));
  const widths = fitWidths(columns, natural, totalWidth);
  const line = (row: string[]) =>
    row
      .map((cell, i) => {
        const text = truncate(cell, widths[i]!);
        return columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
      })
      .join(GAP)
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '─'.repeat(w)).join(GAP), ...cells.map(line)].join('\n');
}

/** A table of arbitrary records (answers whose shape the CLI does not know): scalar fields as columns, objects as JSON. */
export function renderRecords(records: readonly object[]): string {
  const entries = records.map((r) => new Map(Object.entries(r)));
  const keys = [...new Set(entries.flatMap((r) => [...r.keys()]))];
  const text = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return renderTable(
    keys.map((header) => ({ header })),
    entries.map((r) => keys.map((k) => text(r.get(k)))),
  );
}
