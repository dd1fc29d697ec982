/**
 * Diffs as one row per change: what changed (`change`, the entity, `from` → `to`) and the
 * events responsible for it, flattened into columns whose values are joined by " | " in the
 * answer's order (a change made twice between the two cuts names both events). The basis is
 * the diff's two cuts: compare, from, to, asKnownAt, position (two dates) or compare, at,
 * asKnownFrom, positionFrom, asKnownTo, positionTo (two instants).
 */
import type { OrgChartDiffAnswer, PdoDiffAnswer } from '../../read/diff/diff-queries.ts';
import type { RowBasis } from '../../read/diff/change-basis.ts';
import type { ChangeEvent, DiffBasis } from '../../read/diff/diff-window.ts';
import type { CsvCell } from './csv.ts';
import type { AnswerBasis, ExportView } from './send-answer.ts';

export const JOIN = ' | ';

const EVENT_COLUMNS = ['events', 'eventTypes', 'effectiveFrom', 'recordedAt', 'recordedBy', 'positions', 'actIds', 'actTitles', 'basisStatus', 'basisActId', 'basisSourceIds'];

/** The events of a row, then its basis (src/read/diff/change-basis.ts). */
function eventCells(events: ChangeEvent[], basis: RowBasis | null): CsvCell[] {
  const join = (pick: (e: ChangeEvent) => string | number | undefined) => events.map((e) => pick(e) ?? '').join(JOIN);
  return [
    events.length, join((e) => e.type), join((e) => e.effectiveFrom), join((e) => e.recordedAt), join((e) => e.recordedBy),
    join((e) => e.position), join((e) => e.act?.id), join((e) => e.act?.title),
    basis?.status, basis?.actId, basis?.sourceIds.join(JOIN),
  ];
}

export function diffBasis(basis: DiffBasis): AnswerBasis {
  if (basis.compare === 'valid-time') {
    const { compare, from, to, asKnownAt, position } = basis;
    return { fields: { compare, from, to, asKnownAt, position }, fileLabel: `${from}_to_${to}_p${position}` };
  }
  const { compare, at, asKnownFrom, positionFrom, asKnownTo, positionTo } = basis;
  return { fields: { compare, at, asKnownFrom, positionFrom, asKnownTo, positionTo }, fileLabel: `${at}_p${positionFrom}_to_p${positionTo}` };
}

export const orgChartDiffExport: ExportView<OrgChartDiffAnswer> = {
  name: 'org-chart-diff',
  basis: diffBasis,
  toRows: ({ changes }) => ({
    columns: ['change', 'unitId', 'unitName', 'competencyId', 'competencyText', 'from', 'to', ...EVENT_COLUMNS],
    rows: changes.map((c) => [c.change, c.unitId, c.unitName, c.competencyId, c.competencyText, c.from, c.to, ...eventCells(c.events, c.basis)]),
  }),
};

export const pdoDiffExport: ExportView<PdoDiffAnswer> = {
  name: 'pdo-diff',
  basis: diffBasis,
  toRows: ({ year, changes }) => ({
    columns: ['year', 'change', 'objectiveId', 'indicatorId', 'unitId', 'from', 'to', ...EVENT_COLUMNS],
    rows: changes.map((c) => [year, c.change, c.objectiveId, c.indicatorId, c.unitId, c.from, c.to, ...eventCells(c.events, c.basis)]),
  }),
};
