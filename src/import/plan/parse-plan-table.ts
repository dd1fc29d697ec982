/**
 * From the rows of a plan-table file to the plan it states (docs/import.md, "Plan tables"):
 * one row per objective, keyed by (directorate, ID); one column per plan year, an empty cell
 * being no objective that year; optional public-value matrix, shared-objective and indicator
 * columns, where a cell may hold several entries, one per line, aligned across the columns of
 * its group. Pure. Every problem of the file is reported at once, each naming the file, the
 * line and the column; a file with any problem yields no plan.
 */
import { factsAttestedV1 } from '../../../events/schemas/facts-attested.v1.ts';
import { ID_PATTERN, linkSchema, nameSchema, textSchema } from '../../../events/schemas/fragments.ts';
import { indicatorDefinedV1 } from '../../../events/schemas/indicator-defined.v1.ts';
import { objectiveDefinedV2 } from '../../../events/schemas/objective-defined.v2.ts';
import { comparableForm } from '../../../seeds/parse/normalize-text.ts';
import { UnprocessableError, type FieldProblem } from '../../errors.ts';
import { acceptedHeaders, headerMeaning, PLAN_COLUMNS, REQUIRED_COLUMNS, YEAR_HEADER_EXAMPLE, type PlanColumn } from './plan-table-layout.ts';
import { problemField, type TableFile } from './read-table-file.ts';

export interface PlanIndicator {
  indicatorId: string | null;
  description: string;
  kind: string | null;
  unit: string | null;
  target: number;
}

export interface PlanRow {
  line: number;
  /** The directorate as written in the file. */
  directorate: string;
  /** Its unit id, when the file gives one (column "Codice struttura"). */
  unitCode: string | null;
  /** The objective's ID within its directorate, as written. */
  id: string;
  /** Statement per plan year; a year is absent when its cell is empty. */
  years: Record<string, string>;
  /** The plan's description of the objective (column "Descrizione"); null when the cell is empty. */
  description: string | null;
  /** The public-value matrix rows: the i-th line of each cell is row i ('' where that cell has no i-th line), for `matrixYear`. */
  matrix: { programma: string[]; dimension: string[]; driver: string[] };
  matrixYear: number;
  shared: { code: string; title: string } | null;
  indicators: PlanIndicator[];
}

export interface PlanTable {
  file: string;
  format: 'csv' | 'xlsx';
  /** The plan years, ascending and consecutive. */
  years: string[];
  /** The header as written, for reports. */
  header: string[];
  rows: PlanRow[];
}

/** An objective's ID: no dot (it is the last part of the objective id `<prefix>.<unit id>.<ID>`). */
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const MAX_YEARS = 10;
/** The bounds of the event catalogue's schemas: a cell longer is refused here, never at the store. */
const TEXT_MAX = textSchema.maxLength;
const NAME_MAX = nameSchema.maxLength;
const UNIT_MAX = indicatorDefinedV1.properties.unit.maxLength;
const CODE_MAX = linkSchema.properties.code.maxLength;
const ENTRIES_MAX = objectiveDefinedV2.properties.matrix.maxItems;
const DIRECTORATES_MAX = factsAttestedV1.properties.units.maxItems;
const UNIT_ID = new RegExp(ID_PATTERN);

export function parsePlanTable(table: TableFile): PlanTable {
  const problems: FieldProblem[] = [];
  const at = (line: number | null, column: string | null, message: string) => problems.push({ field: problemField(table.file, line, column), message });
  const [headerRow, ...body] = table.rows;
  if (!headerRow) throw new UnprocessableError(`${table.file}: the file has no header row`, [{ field: problemField(table.file, null, null), message: `no header row; expected columns such as ${acceptedHeaders()}` }]);

  const columns = new Map<PlanColumn, number>();
  const yearColumns: { year: string; index: number }[] = [];
  headerRow.cells.forEach((header, index) => {
    const label = header === '' ? `#${index + 1}` : header;
    const meaning = headerMeaning(header);
    if (meaning.kind === 'unknown') at(headerRow.line, label, `unknown column "${header}"; the columns are ${acceptedHeaders()} (one per plan year)`);
    else if (meaning.kind === 'bad-year') at(headerRow.line, label, `a year column must be named like "${YEAR_HEADER_EXAMPLE}" with a four-digit year`);
    else if (meaning.kind === 'year') {
      if (yearColumns.some((y) => y.year === meaning.year)) at(headerRow.line, label, `a second column for year ${meaning.year}`);
      else yearColumns.push({ year: meaning.year, index });
    } else if (columns.has(meaning.column)) at(headerRow.line, label, `a second "${PLAN_COLUMNS[meaning.column][0]}" column`);
    else columns.set(meaning.column, index);
  });
  for (const required of REQUIRED_COLUMNS) if (!columns.has(required)) at(headerRow.line, PLAN_COLUMNS[required][0]!, `the column "${PLAN_COLUMNS[required][0]}" is missing`);
  const years = yearColumns.map((y) => y.year).sort();
  if (yearColumns.length === 0) at(headerRow.line, YEAR_HEADER_EXAMPLE, 'no plan-year column (one per year, e.g. "Obiettivi Anno 2025")');
  else if (years.length > MAX_YEARS) at(headerRow.line, null, `more than ${MAX_YEARS} plan-year columns`);
  else if (years.some((y, i) => i > 0 && Number(y) !== Number(years[i - 1]) + 1)) at(headerRow.line, null, `the plan years ${years.join(', ')} are not consecutive`);
  else if (years.some((y) => Number(y) < 1900 || Number(y) > 2200)) at(headerRow.line, null, `a plan year outside 1900-2200: ${years.join(', ')}`);
  if (problems.length > 0) throw malformed(table.file, problems);

  const headerOf = (index: number) => headerRow.cells[index] || `#${index + 1}`;
  const cellOf = (cells: string[], column: PlanColumn) => (columns.has(column) ? unquoteFormula(cells[columns.get(column)!] ?? '') : '');
  /** The lines of a cell; `aligned`: empty lines keep their place (an indicator without a kind), trailing ones dropped. */
  const linesOf = (cells: string[], column: PlanColumn, aligned = false) => {
    const all = cellOf(cells, column).split(/\r\n|\r|\n/).map((l) => l.trim());
    if (!aligned) return all.filter((l) => l !== '');
    while (all.length > 0 && all.at(-1) === '') all.pop();
    return all;
  };
  const columnName = (column: PlanColumn) => headerOf(columns.get(column)!);

  const seen = new Map<string, number>();
  const rows: PlanRow[] = [];
  for (const { line, cells } of body) {
    if (cells.length > headerRow.cells.length && cells.slice(headerRow.cells.length).some((c) => c !== '')) {
      at(line, `#${headerRow.cells.length + 1}`, `a cell beyond the ${headerRow.cells.length} columns of the header`);
    }
    const directorate = cellOf(cells, 'directorate');
    const unitCode = cellOf(cells, 'unitCode');
    if (unitCode !== '' && !UNIT_ID.test(unitCode)) at(line, columnName('unitCode'), `the unit code "${unitCode}" must be letters, digits, ".", "-" or "_"`);
    const id = cellOf(cells, 'id');
    if (directorate === '') at(line, columnName('directorate'), 'the directorate is empty');
    if (id === '') at(line, columnName('id'), 'the objective ID is empty');
    else if (!ID.test(id)) at(line, columnName('id'), `the objective ID "${id}" must be letters, digits, "-" or "_" (at most 32, no dot)`);
    const key = `${comparableForm(directorate)}\u0000${id}`;
    if (directorate !== '' && id !== '') {
      const first = seen.get(key);
      if (first !== undefined) at(line, columnName('id'), `duplicate objective ID ${id} of "${directorate}" (first on line ${first})`);
      else seen.set(key, line);
    }
    const statements: Record<string, string> = {};
    for (const { year, index } of [...yearColumns].sort((a, b) => a.year.localeCompare(b.year))) {
      const cell = unquoteFormula(cells[index] ?? '');
      if (cell !== '') statements[year] = cell;
    }
    if (Object.keys(statements).length === 0) at(line, null, 'the row states no objective for any plan year (leave the row out: an objective the plan omits is "not attested by" it)');

    const matrixYearCell = cellOf(cells, 'matrixYear');
    const matrixYear = matrixYearCell === '' ? Number(years[0]) : Number(matrixYearCell);
    if (!Number.isInteger(matrixYear) || matrixYear < 1900 || matrixYear > 2200) at(line, columnName('matrixYear'), `"${matrixYearCell}" is not a year`);

    const sharedCode = cellOf(cells, 'sharedCode');
    const sharedTitle = cellOf(cells, 'sharedTitle');
    if ((sharedCode === '') !== (sharedTitle === '')) {
      at(line, sharedCode === '' ? 'Codice obiettivo condiviso' : 'Obiettivo condiviso', 'a shared objective needs both its code and its statement');
    }
    const long = (column: PlanColumn, max: number, values: string[]) => {
      if (values.some((v) => v.length > max)) at(line, columnName(column), `longer than ${max} characters`);
    };
    if (directorate.length > NAME_MAX) at(line, columnName('directorate'), `longer than ${NAME_MAX} characters`);
    const description = cellOf(cells, 'description');
    if (columns.has('description')) long('description', TEXT_MAX, [description]);
    for (const { year, index } of yearColumns) if ((statements[year] ?? '').length > TEXT_MAX) at(line, headerOf(index), `longer than ${TEXT_MAX} characters`);
    for (const column of ['programma', 'dimension', 'driver'] as const) {
      if (columns.has(column)) {
        long(column, NAME_MAX, linesOf(cells, column));
        if (linesOf(cells, column, true).length > ENTRIES_MAX) at(line, columnName(column), `more than ${ENTRIES_MAX} matrix rows`);
      }
    }
    if (columns.has('sharedCode')) long('sharedCode', CODE_MAX, [sharedCode]);
    if (columns.has('sharedTitle')) long('sharedTitle', TEXT_MAX, [sharedTitle]);
    if (columns.has('indicator')) {
      long('indicator', TEXT_MAX, linesOf(cells, 'indicator'));
      if (linesOf(cells, 'indicator').length > ENTRIES_MAX) at(line, columnName('indicator'), `more than ${ENTRIES_MAX} indicators`);
    }
    if (columns.has('indicatorKind')) long('indicatorKind', NAME_MAX, linesOf(cells, 'indicatorKind'));
    if (columns.has('indicatorUnit')) long('indicatorUnit', UNIT_MAX, linesOf(cells, 'indicatorUnit'));
    rows.push({
      line,
      directorate,
      unitCode: unitCode === '' ? null : unitCode,
      id,
      years: statements,
      description: description === '' ? null : description,
      matrix: { programma: linesOf(cells, 'programma', true), dimension: linesOf(cells, 'dimension', true), driver: linesOf(cells, 'driver', true) },
      matrixYear,
      shared: sharedCode !== '' && sharedTitle !== '' ? { code: sharedCode, title: sharedTitle } : null,
      indicators: indicatorsOf(line, cells),
    });
  }
  if (rows.length === 0 && problems.length === 0) at(null, null, 'the file has a header but no objective row');
  if (new Set(rows.map((r) => r.unitCode ?? comparableForm(r.directorate))).size > DIRECTORATES_MAX) at(null, null, `more than ${DIRECTORATES_MAX} directorates`);
  if (problems.length > 0) throw malformed(table.file, problems);
  return { file: table.file, format: table.format, years, header: headerRow.cells, rows };

  function indicatorsOf(line: number, cells: string[]): PlanIndicator[] {
    const descriptions = linesOf(cells, 'indicator');
    const targets = linesOf(cells, 'target');
    const ids = linesOf(cells, 'indicatorId', true);
    const kinds = linesOf(cells, 'indicatorKind', true);
    const units = linesOf(cells, 'indicatorUnit', true);
    const n = descriptions.length;
    if (n === 0) {
      for (const [column, list] of [['target', targets], ['indicatorId', ids], ['indicatorKind', kinds], ['indicatorUnit', units]] as const) {
        if (list.length > 0) at(line, columnName(column), 'a value without an indicator (the "Indicatore" cell is empty)');
      }
      return [];
    }
    if (targets.length !== n) at(line, columns.has('target') ? columnName('target') : 'Target', `${n} indicator(s) but ${targets.length} target(s): one line per indicator`);
    for (const [column, list] of [['indicatorId', ids], ['indicatorKind', kinds], ['indicatorUnit', units]] as const) {
      if (list.length > n) at(line, columnName(column), `${n} indicator(s) but ${list.length} line(s): one line per indicator (an empty line: none for that one)`);
    }
    return descriptions.map((description, i) => {
      const target = numberOf(targets[i] ?? '');
      if (targets[i] !== undefined && target === undefined) at(line, columnName('target'), `the target "${targets[i]}" is not a number`);
      const indicatorId = ids[i] || null;
      if (indicatorId !== null && !ID.test(indicatorId)) at(line, columnName('indicatorId'), `the indicator code "${indicatorId}" must be letters, digits, "-" or "_"`);
      return { indicatorId, description, kind: kinds[i] || null, unit: units[i] || null, target: target ?? 0 };
    });
  }
}

/**
 * A cell the CSV exports protected against formula evaluation ("'=..." for "=...", the OWASP
 * rule of src/http/export/csv.ts) is read back as written: the quote goes only before = + - @.
 */
function unquoteFormula(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

/** "85", "12,5", "12.5", "1.234,5", "-3": a decimal comma is read as Italian writes it. */
function numberOf(text: string): number | undefined {
  const t = text.replace(/\s/g, '');
  if (!/^-?[\d.,]+$/.test(t)) return undefined;
  const normalised = t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : undefined;
}

function malformed(file: string, problems: FieldProblem[]): UnprocessableError {
  return new UnprocessableError(`${file} is not a plan table: ${problems.length} problem(s), nothing was imported`, problems);
}
