/**
 * The evidence of a fact, and the coverage of the answer, as CSV cells (docs/evidence.md): an
 * export carries what the JSON answer says of how each fact is known. Lists are joined by " | ";
 * a conflict reads "field=value (sourceId from..to)".
 */
import type { Evidence } from '../../../projections/views.ts';
import type { Coverage } from '../../read/evidence-answers.ts';
import type { CsvCell } from './csv.ts';

export const EVIDENCE_COLUMNS = ['evidenceStatus', 'evidenceFirstAttestedOn', 'evidenceLastAttestedOn', 'evidenceSources', 'evidenceConflicts', 'evidenceNotAttestedBy'];
export const COVERAGE_COLUMNS = ['coverageStatus', 'coverageSources'];

const LIST = ' | ';

export function evidenceCells(evidence: Evidence | undefined): CsvCell[] {
  if (!evidence) return EVIDENCE_COLUMNS.map(() => null);
  const conflicts = (evidence.conflicts ?? []).map((c) => `${c.field}=${c.value === null ? 'null' : String(c.value && typeof c.value === 'object' ? JSON.stringify(c.value) : c.value)} (${c.sourceId} ${c.from}..${c.to})`);
  return [evidence.status, evidence.firstAttestedOn, evidence.lastAttestedOn, evidence.sources.join(LIST), conflicts.join(LIST), (evidence.notAttestedBy ?? []).join(LIST)];
}

export function coverageCells(coverage: Coverage | undefined): CsvCell[] {
  return coverage ? [coverage.status, coverage.sources.join(LIST)] : [null, null];
}
