/**
 * The PDO of a year as one row per objective × indicator (an objective without indicators
 * still has one row, with empty indicator columns). `links` lists the objective's links as
 * "kind code: title" separated by " | " (a link's parts follow it in brackets); `matrix` its
 * public-value matrix rows, one "programma / dimension / driver" per row, separated by " | ";
 * `planItems` its plan items as "itemId (basis: reason)". With provenance=true, each row adds
 * the provenance of its objective's and indicator's facts (provenance-cells.ts).
 */
import type { ObjectiveView } from '../../../projections/views.ts';
import type { MatrixRow, ObjectiveLink, PlanItemLink } from '../../commands/command-types.ts';
import type { Basis } from '../../read/resolve-cut.ts';
import type { CsvCell, CsvTable } from './csv.ts';
import type { Coverage } from '../../read/evidence-answers.ts';
import { COVERAGE_COLUMNS, coverageCells, EVIDENCE_COLUMNS, evidenceCells } from './evidence-cells.ts';
import { hasProvenance, PROVENANCE_COLUMNS, provenanceCells } from './provenance-cells.ts';
import { cutBasis, type ExportView } from './send-answer.ts';

export interface PdoAnswer extends Basis {
  year: number;
  coverage?: Coverage;
  objectives: ObjectiveView[];
}

const COLUMNS = [
  'year', 'objectiveId', 'unitId', 'title', 'status', 'plan', 'effectiveFrom', 'links', 'description', 'matrix', 'planItems',
  'indicatorId', 'indicatorDescription', 'indicatorKind', 'indicatorUnit', 'target', 'latestValue', 'latestMeasuredAt',
  // The objective's evidence; then the statement's (title), the target's and the latest measurement's status; the answer's coverage.
  ...EVIDENCE_COLUMNS, 'titleEvidenceStatus', 'targetEvidenceStatus', 'latestEvidenceStatus', ...COVERAGE_COLUMNS,
];

function linkText(link: ObjectiveLink): string {
  const label = [link.kind, link.code].filter(Boolean).join(' ');
  const parts = link.parts && link.parts.length > 0 ? ` [${link.parts.map(linkText).join('; ')}]` : '';
  return `${label}: ${link.title}${link.year !== undefined ? ` (${link.year})` : ''}${parts}`;
}

/** One matrix row as "programma / dimension / driver" (an empty field as "-"). */
function matrixText(row: MatrixRow): string {
  return [row.programmaOperativo, row.dimension, row.driver].map((cell) => cell ?? '-').join(' / ');
}

function planItemText(link: PlanItemLink): string {
  return `${link.itemId} (${link.basis}${link.reason ? `: ${link.reason}` : ''})`;
}

export function pdoRows(answer: PdoAnswer): CsvTable {
  const sourced = hasProvenance(answer.objectives[0]);
  const provenanceOf = (objective: object, indicator: object | undefined) =>
    sourced ? provenanceCells({ objective: (objective as { provenance?: unknown }).provenance, indicator: (indicator as { provenance?: unknown } | undefined)?.provenance ?? null }) : [];
  const rows: CsvCell[][] = [];
  const coverage = coverageCells(answer.coverage);
  for (const o of answer.objectives) {
    const objectiveCells = [
      answer.year, o.objectiveId, o.unitId, o.title, o.status, o.plan, o.effectiveFrom, o.links.map(linkText).join(' | '),
      o.description, o.matrix.map(matrixText).join(' | '), o.planItems.map(planItemText).join(' | '),
    ];
    const evidence = [...evidenceCells(o.evidence), o.titleEvidence?.status];
    if (o.indicators.length === 0) rows.push([...objectiveCells, null, null, null, null, null, null, null, ...evidence, null, null, ...coverage, ...provenanceOf(o, undefined)]);
    for (const i of o.indicators) {
      rows.push([
        ...objectiveCells, i.indicatorId, i.description, i.kind, i.unit, i.target, i.latest?.value, i.latest?.measuredAt,
        ...evidence, i.evidence?.status, i.latest?.evidence.status, ...coverage, ...provenanceOf(o, i),
      ]);
    }
  }
  return { columns: sourced ? [...COLUMNS, ...PROVENANCE_COLUMNS] : COLUMNS, rows };
}

export const pdoExport: ExportView<PdoAnswer> = { name: 'pdo', toRows: pdoRows, basis: cutBasis };
