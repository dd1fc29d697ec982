/**
 * Reads one snapshot file into the units it lists, or the list of what is wrong with it, each
 * problem naming the file, the line and the column (docs/import.md, "Rules"). A file with any
 * problem yields no units: a malformed file changes nothing.
 *
 * Checked: a known column layout; a unit code per row (an id: letters, digits, `_.-`); a name
 * (and, in the generic layout, a kind); a unit code listed once (the generic layout may repeat
 * it, one row per competency, with the same name, parent, kind and head); every parent listed
 * in the same file (the file is the complete structure); no cycle; depth within the limit; one
 * snapshot date. Memory holds the units, never the file.
 */
import type { Readable } from 'node:stream';
import { ID_PATTERN } from '../../../events/schemas/fragments.ts';
import { cellDate, detectLayout, indicePaKind, type LayoutColumns, type RowField, type SnapshotLayout, type SnapshotUnit } from './snapshot-layouts.ts';
import { snapshotRows, type SnapshotFormat, type SnapshotRow } from './snapshot-rows.ts';

export type SnapshotProblemCode =
  | 'unknown_layout'
  | 'empty_file'
  | 'missing_value'
  | 'invalid_code'
  | 'duplicate_unit'
  | 'unknown_parent'
  | 'parent_cycle'
  | 'too_deep'
  | 'invalid_date'
  | 'conflicting_dates'
  | 'no_date'
  | 'org_filter_needed'
  | 'no_rows_for_org'
  | 'unreadable_file';

export interface SnapshotProblem {
  /** `<file>:<line>:<column name>` (or `<file>` for the whole file): the problem's place in one string. */
  field: string;
  file: string;
  /** 1-based; null for a problem of the whole file. */
  line: number | null;
  /** 1-based column number; null when no one column is at fault. */
  column: number | null;
  columnName: string | null;
  code: SnapshotProblemCode;
  message: string;
}

export type DateOrigin = 'given' | 'file-column' | 'file-date';

export interface ParsedSnapshot {
  fileName: string;
  format: SnapshotFormat;
  layout: SnapshotLayout;
  /** SHA-256 of the file's bytes, hex. */
  digest: string;
  header: string[];
  usedColumns: string[];
  ignoredColumns: string[];
  /** Data rows read (all bodies, for IndicePA), and rows kept for the org. */
  rowsRead: number;
  rowsKept: number;
  /** The Codice_IPA filter (IndicePA) and the body's name as the file writes it. */
  orgCode: string | null;
  orgName: string | null;
  snapshotDate: string;
  dateOrigin: DateOrigin;
  /** Parents before children (a topological order), then by line. */
  units: SnapshotUnit[];
}

export interface ParseSnapshotOptions {
  fileName: string;
  /** The date given by the user (`--date`, `?date=`): it wins over the file's. */
  date?: string;
  /** The file's own date (its modification day), used when neither the user nor the file gives one. */
  fileDate?: string;
  /** IndicePA: the Codice_IPA to keep (needed when the file lists several bodies). */
  orgCode?: string;
  maxDepth: number;
  onRow?: (rowsRead: number) => void;
}

const MAX_PROBLEMS = 200;
const ID = new RegExp(ID_PATTERN);

export async function parseSnapshot(input: Readable, options: ParseSnapshotOptions): Promise<{ ok: true; snapshot: ParsedSnapshot } | { ok: false; problems: SnapshotProblem[] }> {
  const file = options.fileName;
  const problems: SnapshotProblem[] = [];
  const problem = (line: number | null, columnIndex: number | null, header: string[], code: SnapshotProblemCode, message: string) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const columnName = columnIndex === null ? null : (header[columnIndex] ?? null);
    const field = line === null ? file : `${file}:${line}${columnName !== null ? `:${columnName}` : ''}`;
    problems.push({ field, file, line, column: columnIndex === null ? null : columnIndex + 1, columnName, code, message });
  };

  const source = await snapshotRows(input);
  let header = null as string[] | null;
  let columns = null as LayoutColumns | null;
  let rowsRead = 0;
  let rowsKept = 0;
  let orgCode = options.orgCode ?? null;
  let orgName: string | null = null;
  const codesSeen = new Set<string>();
  const fileDates = new Map<string, number>();
  const units = new Map<string, SnapshotUnit>();

  let lastLine = 0;
  try {
    for await (const row of source.rows) {
      lastLine = row.line;
      readRow(row);
    }
  } catch (error) {
    // Neither CSV nor XLSX as the file claims (bad quoting, a damaged archive): the place the reader stopped at.
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : lastLine + 1;
    problem(line, null, header ?? [], 'unreadable_file', `the file cannot be read as ${source.format.toUpperCase()}: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
    return { ok: false, problems };
  }
  function readRow(row: SnapshotRow): void {
    if (header === null) {
      header = row.cells.map((c) => c.trim());
      const detected = detectLayout(header);
      if ('problem' in detected) problem(row.line, null, header, 'unknown_layout', detected.problem);
      else columns = detected;
      return;
    }
    rowsRead++;
    options.onRow?.(rowsRead);
    if (columns === null) return;
    const h = header;
    const cell = (field: RowField) => {
      const i = columns!.index[field];
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    const at = (field: RowField) => columns!.index[field] ?? null;
    if (row.cells.every((c) => c.trim() === '')) return;

    if (columns.layout === 'indicepa') {
      const code = cell('orgCode');
      codesSeen.add(code);
      if (orgCode === null) orgCode = code;
      else if (code !== orgCode) {
        if (options.orgCode === undefined) {
          problem(row.line, at('orgCode'), h, 'org_filter_needed', `the file lists several bodies (${orgCode}, ${code}): say which Codice_IPA to import (--ipa, ?ipa=)`);
          orgCode = code;
        }
        return;
      }
      const den = h.indexOf('Denominazione_ente');
      if (orgName === null && den >= 0) orgName = (row.cells[den] ?? '').trim() || null;
    }
    rowsKept++;

    const unitId = cell('unitId');
    const name = cell('name');
    if (unitId === '') {
      problem(row.line, at('unitId'), h, 'missing_value', 'no unit code');
      return;
    }
    if (!ID.test(unitId)) {
      problem(row.line, at('unitId'), h, 'invalid_code', `unit code ${JSON.stringify(unitId)} is not an id (letters, digits, _ . -; at most 128)`);
      return;
    }
    if (name === '') problem(row.line, at('name'), h, 'missing_value', `unit ${unitId} has no name`);
    const parentCell = cell('parentId');
    const parentId = parentCell === '' ? null : parentCell;
    if (parentId !== null && !ID.test(parentId)) problem(row.line, at('parentId'), h, 'invalid_code', `parent code ${JSON.stringify(parentId)} is not an id`);
    let kind: string;
    if (columns.layout === 'indicepa') kind = indicePaKind(name);
    else {
      kind = cell('kind');
      if (kind === '') problem(row.line, at('kind'), h, 'missing_value', `unit ${unitId} has no kind`);
    }
    const person = columns.layout === 'indicepa' ? [cell('headFirstName'), cell('headLastName')].filter((s) => s !== '').join(' ') : cell('head');
    const head = person === '' ? null : { person, title: cell('headTitle') || null };
    const dateCell = cell('snapshotDate');
    if (dateCell !== '') {
      const date = cellDate(dateCell);
      if (date === null) problem(row.line, at('snapshotDate'), h, 'invalid_date', `${JSON.stringify(dateCell)} is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
      else if (!fileDates.has(date)) fileDates.set(date, row.line);
    }
    const competency = cell('competency');

    const known = units.get(unitId);
    if (known) {
      if (columns.layout === 'indicepa') {
        problem(row.line, at('unitId'), h, 'duplicate_unit', `unit code ${unitId} is listed again (first on line ${known.line})`);
        return;
      }
      const differing = (
        [
          ['name', known.name !== name],
          ['parentId', known.parentId !== parentId],
          ['kind', known.kind !== kind],
          ['head', JSON.stringify(known.head) !== JSON.stringify(head)],
        ] as [RowField, boolean][]
      ).find(([, differs]) => differs);
      if (differing) {
        problem(row.line, at(differing[0]), h, 'duplicate_unit', `unit code ${unitId} is listed again (first on line ${known.line}) with another ${h[at(differing[0])!] ?? differing[0]}`);
        return;
      }
      if (competency !== '' && !known.competencies.includes(competency)) known.competencies.push(competency);
      return;
    }
    units.set(unitId, { unitId, name, parentId, kind, head, competencies: competency === '' ? [] : [competency], line: row.line });
  }

  const digest = source.digest();
  if (header === null) {
    problem(null, null, [], 'empty_file', 'the file is empty: no header row');
    return { ok: false, problems };
  }
  if (columns === null) return { ok: false, problems };
  if (columns.layout === 'indicepa' && options.orgCode !== undefined && !codesSeen.has(options.orgCode)) {
    problem(null, columns.index.orgCode ?? null, header, 'no_rows_for_org', `no row has Codice_IPA ${options.orgCode}`);
  } else if (units.size === 0 && problems.length === 0) problem(null, null, header, 'empty_file', 'the file lists no unit');

  // Parents listed in the same file; no cycle; depth within the limit.
  const parentColumn = columns.index.parentId ?? null;
  for (const unit of units.values()) {
    if (unit.parentId !== null && !units.has(unit.parentId)) {
      problem(unit.line, parentColumn, header, 'unknown_parent', `parent ${unit.parentId} of unit ${unit.unitId} is not listed in the file`);
    }
  }
  const depth = new Map<string, number>();
  for (const unit of units.values()) {
    const chain: string[] = [];
    let current: string | null = unit.unitId;
    while (current !== null && !depth.has(current) && units.has(current)) {
      if (chain.includes(current)) {
        const cycle = chain.slice(chain.indexOf(current));
        problem(units.get(current)!.line, parentColumn, header, 'parent_cycle', `the parents form a cycle: ${[...cycle, current].join(' → ')}`);
        for (const id of cycle) depth.set(id, Number.POSITIVE_INFINITY);
        break;
      }
      chain.push(current);
      current = units.get(current)!.parentId;
    }
    let d = current === null || !units.has(current) ? 0 : depth.get(current)!;
    for (const id of chain.reverse()) if (!depth.has(id)) depth.set(id, ++d);
    const own = depth.get(unit.unitId)!;
    if (Number.isFinite(own) && own > options.maxDepth && (unit.parentId === null || depth.get(unit.parentId)! <= options.maxDepth)) {
      problem(unit.line, parentColumn, header, 'too_deep', `unit ${unit.unitId} is at depth ${own}: at most ${options.maxDepth} levels (ORGTRAIL_MAX_UNIT_DEPTH)`);
    }
  }

  let snapshotDate: string | undefined = options.date;
  let dateOrigin: DateOrigin = 'given';
  if (snapshotDate === undefined && fileDates.size > 0) {
    const dates = [...fileDates.keys()].sort();
    if (columns.layout === 'organigramma' && dates.length > 1) {
      problem(fileDates.get(dates[1]!)!, columns.index.snapshotDate ?? null, header, 'conflicting_dates', `the rows give more than one snapshot date (${dates.join(', ')})`);
    }
    // IndicePA dates each row by its own last update: the snapshot is as of the latest.
    snapshotDate = dates[dates.length - 1];
    dateOrigin = 'file-column';
  }
  if (snapshotDate === undefined && options.fileDate !== undefined) {
    snapshotDate = options.fileDate;
    dateOrigin = 'file-date';
  }
  if (snapshotDate === undefined) problem(null, null, header, 'no_date', 'no snapshot date: give one (--date, ?date=) or a date column');
  if (problems.length > 0) return { ok: false, problems };

  const ordered = [...units.values()].sort((a, b) => depth.get(a.unitId)! - depth.get(b.unitId)! || a.line - b.line);
  return {
    ok: true,
    snapshot: {
      fileName: file,
      format: source.format,
      layout: columns.layout,
      digest,
      header,
      usedColumns: columns.used,
      ignoredColumns: columns.ignored,
      rowsRead,
      rowsKept,
      orgCode: columns.layout === 'indicepa' ? orgCode : null,
      orgName,
      snapshotDate: snapshotDate!,
      dateOrigin,
      units: ordered,
    },
  };
}
