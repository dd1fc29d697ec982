/**
 * Streams the rows of a snapshot file, CSV (comma or semicolon, UTF-8 with or without BOM) or
 * XLSX (its first worksheet), while digesting its bytes: memory holds one chunk and one row at
 * a time, whatever the file's size (csv-parse's stream parser, exceljs's WorkbookReader).
 * `line` is the CSV line a record ends on, or the worksheet row number (both 1-based, the
 * header being line 1 in a file without blank leading lines).
 */
import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { delimiterOf } from '../csv-delimiter.ts';

export type SnapshotFormat = 'csv' | 'xlsx';

export interface SnapshotRow {
  line: number;
  cells: string[];
}

/** The digest is complete once the rows have been read to the end. */
export interface SnapshotRows {
  format: SnapshotFormat;
  rows: AsyncIterable<SnapshotRow>;
  digest(): string;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const HEAD_BYTES = 64 * 1024;

/** Rows of `input`, the format told by the first bytes (an XLSX file is a ZIP archive). */
export async function snapshotRows(input: Readable): Promise<SnapshotRows> {
  const hash = createHash('sha256');
  const chunks = input[Symbol.asyncIterator]();
  // The head holds the format's magic bytes and the whole header line (its delimiter), however the input is chunked.
  const parts: Buffer[] = [];
  let length = 0;
  while (length < HEAD_BYTES && !parts.some((p) => p.includes(0x0a))) {
    const next = await chunks.next();
    if (next.done) break;
    const chunk = toBuffer(next.value);
    parts.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(parts);
  const bytes = Readable.from(hashed(head, chunks, hash), { objectMode: false });
  const format: SnapshotFormat = ZIP_MAGIC.every((b, i) => head[i] === b) ? 'xlsx' : 'csv';
  let done = false;
  const rows = format === 'xlsx' ? xlsxRows(bytes) : csvRows(bytes, delimiterOf(head));
  return {
    format,
    rows: (async function* () {
      yield* rows;
      done = true;
    })(),
    digest: () => {
      if (!done) throw new Error('the digest of a snapshot is known once its rows are read');
      return hash.digest('hex');
    },
  };
}

async function* hashed(head: Buffer, rest: AsyncIterator<unknown>, hash: Hash): AsyncGenerator<Buffer> {
  if (head.length > 0) {
    hash.update(head);
    yield head;
  }
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    const chunk = toBuffer(next.value);
    hash.update(chunk);
    yield chunk;
  }
}

const toBuffer = (chunk: unknown): Buffer => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));

async function* csvRows(bytes: Readable, delimiter: ',' | ';'): AsyncGenerator<SnapshotRow> {
  const parser = bytes.pipe(parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { line: info.lines, cells: record };
  }
}

async function* xlsxRows(bytes: Readable): AsyncGenerator<SnapshotRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(bytes, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let first = true;
  for await (const worksheet of workbook) {
    // Only the first worksheet is the snapshot; the others are read through (and digested) unparsed.
    for await (const row of worksheet) {
      if (!first) continue;
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      yield { line: row.number, cells: Array.from(values, cellText) };
    }
    first = false;
  }
}

/** A cell as text: dates as YYYY-MM-DD, rich text and formulas by their text and result. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    return '';
  }
  return String(value);
}
