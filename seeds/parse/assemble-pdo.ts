/**
 * From the text of 004 (PDO 2024-2026) and the curated directorate map to the records the
 * importer appends: one objective per (directorate, ID) with its statement per plan year, the
 * revisions of its wording from year to year, its rows of the 2024 public-value matrix (one
 * object per row) and its shared-objective links; plus every anomaly found on the way. Pure.
 *
 * Objective ids: `pdo2024.<directorate unit id>.<ID as printed>`, e.g. pdo2024.dir-casa.3.
 */
import type { MatrixRow, ObjectiveLink } from '../../src/commands/command-types.ts';
import type { Anomaly } from './anomaly.ts';
import { findSharedObjectives, type SharedObjective } from './find-shared-objectives.ts';
import { matchMatrixRows } from './match-matrix.ts';
import { PLAN_YEARS, parsePdoTables, type PdoTable, type PlanYear } from './parse-pdo-tables.ts';
import { parseValueMatrix } from './parse-value-matrix.ts';
import { yearRevisions, type YearRevision } from './year-revisions.ts';

export const OBJECTIVE_ID_PREFIX = 'pdo2024';
export const SHARED_CODE_PREFIX = 'pdo2024-condiviso-';

export interface DirectorateEntry {
  unitId: string;
  name: string;
  kind: string;
  aliases: string[];
}

export interface PdoObjective {
  objectiveId: string;
  unitId: string;
  /** The ID as printed in the directorate's table. */
  id: string;
  line: number;
  table: string;
  /** The wording of the first plan year. */
  title: string;
  years: Partial<Record<PlanYear, string>>;
  revisions: YearRevision[];
  links: ObjectiveLink[];
  /** Its rows of the 2024 public-value matrix, in document order: two rows stay two. */
  matrix: MatrixRow[];
  /** Present when some of its statements sit under a garbled header: the years read by position only. */
  yearsReadByPosition?: YearsReadByPosition;
}

export interface YearsReadByPosition {
  years: PlanYear[];
  headerLine: number;
  /** The header as printed, cells joined by " | ". */
  header: string;
}

export interface PdoDirectorate extends DirectorateEntry {
  tableLines: number[];
}

export interface AssembledPdo {
  document: string;
  directorates: PdoDirectorate[];
  objectives: PdoObjective[];
  sharedObjectives: SharedObjective[];
  anomalies: Anomaly[];
}

export function assemblePdo(text: string, document: string, directorates: readonly DirectorateEntry[]): AssembledPdo {
  const { tables, anomalies } = parsePdoTables(text, document);
  const unitOf = (printed: string) => directorates.find((d) => d.name === printed || d.aliases.includes(printed))?.unitId;
  const used = new Map<string, PdoDirectorate>();
  const objectives: PdoObjective[] = [];

  for (const table of tables) {
    const entry = directorates.find((d) => d.name === table.directorate);
    if (!entry) throw new Error(`${document} line ${table.titleLine}: directorate "${table.directorate}" is not in seeds/data/004-directorates.json`);
    const directorate = used.get(entry.unitId) ?? { ...entry, tableLines: [] };
    directorate.tableLines.push(table.titleLine);
    used.set(entry.unitId, directorate);
    for (const row of table.rows) {
      const location = `line ${row.line}, table "${table.title}", ID ${row.id}`;
      const expected = String(objectives.filter((o) => o.unitId === entry.unitId).length + 1);
      if (row.id !== expected) {
        anomalies.push({ document, location, kind: 'unparseable-row', description: `ID ${row.id} where ${expected} was expected`, action: 'imported under the printed ID' });
      }
      const first = PLAN_YEARS.find((year) => row.years[year] !== undefined);
      if (!first) continue;
      const revisions = yearRevisions(row.years, { document, location });
      anomalies.push(...revisions.anomalies);
      const byPosition = readByPosition(table, row.years);
      const objectiveId = `${OBJECTIVE_ID_PREFIX}.${entry.unitId}.${row.id}`;
      if (byPosition) anomalies.push(positionalAnomaly(objectiveId, byPosition, table, document, location));
      objectives.push({
        objectiveId,
        unitId: entry.unitId,
        id: row.id,
        line: row.line,
        table: table.title,
        title: row.years[first]!,
        years: row.years,
        revisions: revisions.revisions,
        links: [],
        matrix: [],
        ...(byPosition ? { yearsReadByPosition: byPosition } : {}),
      });
    }
  }

  const matrix = parseValueMatrix(text, document);
  anomalies.push(...matrix.anomalies, ...nameVariants(matrix.rows, directorates, document));
  const candidates = objectives.filter((o) => o.years['2024'] !== undefined).map((o) => ({ objectiveId: o.objectiveId, unitId: o.unitId, statement2024: o.years['2024']! }));
  const matched = matchMatrixRows(matrix.rows, candidates, unitOf, document);
  anomalies.push(...matched.anomalies);
  for (const match of matched.matches) {
    objectives.find((o) => o.objectiveId === match.objectiveId)!.matrix.push(match.row);
  }
  for (const o of objectives.filter((o) => o.years['2024'] !== undefined && o.matrix.length === 0)) {
    anomalies.push({
      document,
      location: `line ${o.line}, table "${o.table}", ID ${o.id}`,
      kind: 'objective-without-matrix-row',
      description: `the 2024 objective ${o.objectiveId} has no row in the public-value matrix`,
      action: 'imported without programma operativo, dimension and driver',
    });
  }

  const shared = findSharedObjectives(objectives, SHARED_CODE_PREFIX, document);
  anomalies.push(...shared.anomalies);
  for (const group of shared.shared) {
    for (const member of group.members) {
      objectives.find((o) => o.objectiveId === member.objectiveId)!.links.push({ kind: 'obiettivo-condiviso', code: group.code, title: group.statement });
    }
  }
  return { document, directorates: [...used.values()], objectives, sharedObjectives: shared.shared, anomalies };
}

/** The filled years of a row whose column the table's header does not label with that year. */
function readByPosition(table: PdoTable, years: Partial<Record<PlanYear, string>>): YearsReadByPosition | undefined {
  const positional = table.yearsByPosition.filter((year) => years[year] !== undefined);
  return positional.length > 0 ? { years: positional, headerLine: table.headerLine, header: table.header.join(' | ') } : undefined;
}

function positionalAnomaly(objectiveId: string, byPosition: YearsReadByPosition, table: PdoTable, document: string, location: string): Anomaly {
  const labels = byPosition.years.map((year) => `column ${PLAN_YEARS.indexOf(year) + 2} "${table.header[PLAN_YEARS.indexOf(year) + 1] ?? ''}" as ${year}`);
  return {
    document,
    location,
    kind: 'garbled-header',
    description: `${objectiveId} has statements under the garbled header of line ${byPosition.headerLine}: ${labels.join(', ')}`,
    action: `read by position; its definition (and any revision of ${byPosition.years.join(', ')}) carries the qualifier inferred on years/${byPosition.years.join(', years/')}`,
  };
}

/** One anomaly per directorate spelt in the matrix otherwise than in its table title. */
function nameVariants(rows: readonly { line: number; directorate: string }[], directorates: readonly DirectorateEntry[], document: string): Anomaly[] {
  return directorates.flatMap((d) =>
    d.aliases.map((alias) => ({
      document,
      location: `matrix lines ${rows.filter((r) => r.directorate === alias).map((r) => r.line).join(', ')}`,
      kind: 'unit-name-variant' as const,
      description: `the matrix names "${alias}" the directorate whose table is titled "${d.name}"`,
      action: `both names are read as the one unit ${d.unitId}, named "${d.name}"`,
    })),
  );
}
