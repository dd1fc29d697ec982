/**
 * The org chart as one sheet: a `unit` row per unit, followed by a `competency` row per
 * competency of that unit, units in tree order (parents before children). Competency rows
 * repeat their unit's columns, so that filtering rowType=competency in a spreadsheet still says
 * whose competency it is. `path` is the names of the unit's parents, root first, joined by " > "
 * (empty for a root: a unit without a parent active on the date); a unit more than
 * PATH_NAMES_SHOWN levels down (only in data recorded before the depth limit) shows its
 * nearest PATH_NAMES_SHOWN parents after "…", so that the sheet stays linear in the number of
 * units. Written without recursion, at any depth. With provenance=true, each
 * row adds the provenance of its unit's or competency's facts (provenance-cells.ts).
 */
import type { OrgChartAnswer } from '../../read/queries.ts';
import { toUnitTree, unitTreeAnswerJson, walkUnitTree, type UnitTreeNode } from '../../read/org-chart-tree.ts';
import type { CsvCell, CsvTable } from './csv.ts';
import { COVERAGE_COLUMNS, coverageCells, EVIDENCE_COLUMNS, evidenceCells } from './evidence-cells.ts';
import { hasProvenance, PROVENANCE_COLUMNS, provenanceCells } from './provenance-cells.ts';
import { cutBasis, type ExportView } from './send-answer.ts';

export const PATH_SEPARATOR = ' > ';
/** Parents named in `path`: the default depth limit (src/commands/structure-limits.ts). */
export const PATH_NAMES_SHOWN = 32;

/** Evidence columns: the unit's on a unit row, the competency's on a competency row; coverage is the answer's, on every row. */
const COLUMNS = ['rowType', 'path', 'unitId', 'name', 'kind', 'parentId', 'headPerson', 'headTitle', 'competencyId', 'competencyText', ...EVIDENCE_COLUMNS, 'headEvidenceStatus', ...COVERAGE_COLUMNS];

function isTree(units: OrgChartAnswer['units']): units is UnitTreeNode[] {
  return units.length > 0 && 'children' in units[0]!;
}

export function orgChartRows(answer: OrgChartAnswer): CsvTable {
  const roots = isTree(answer.units) ? answer.units : toUnitTree(answer.units);
  const sourced = hasProvenance(answer.units[0]);
  const provenanceOf = (view: object) => (sourced ? provenanceCells((view as { provenance?: unknown }).provenance) : []);
  const rows: CsvCell[][] = [];
  const coverage = coverageCells(answer.coverage);
  walkUnitTree(roots, (unit, ancestors) => {
    const shown = ancestors.slice(-PATH_NAMES_SHOWN).map((a) => a.name);
    const path = (ancestors.length > PATH_NAMES_SHOWN ? ['…', ...shown] : shown).join(PATH_SEPARATOR);
    const unitCells = [path, unit.unitId, unit.name, unit.kind, unit.parentId, unit.head?.person, unit.head?.title];
    const tail = [unit.head?.evidence.status, ...coverage];
    rows.push(['unit', ...unitCells, null, null, ...evidenceCells(unit.evidence), ...tail, ...provenanceOf(unit)]);
    for (const competency of unit.competencies) {
      rows.push(['competency', ...unitCells, competency.competencyId, competency.text, ...evidenceCells(competency.evidence), ...tail, ...provenanceOf(competency)]);
    }
  });
  return { columns: sourced ? [...COLUMNS, ...PROVENANCE_COLUMNS] : COLUMNS, rows };
}

export const orgChartExport: ExportView<OrgChartAnswer> = {
  name: 'org-chart',
  toRows: orgChartRows,
  basis: cutBasis,
  toJson: (answer) => (isTree(answer.units) ? unitTreeAnswerJson({ ...answer, units: answer.units }) : undefined),
};
