/**
 * A history (of a unit, an objective) as one row per field change: each entry of the answer
 * (effective date, then position order) gives one row per changed field (`field`, `before`,
 * `after`; an object value as JSON), or one row with an empty field when it changed none.
 * Every row says when the change holds, when and by whom it was recorded, under which act and
 * from which source, and how it is known (basis…: docs/evidence.md); `change` is the whole event payload as JSON.
 */
import type { HistoryEntryWithChanges } from '../../read/provenance-history.ts';
import type { Basis } from '../../read/resolve-cut.ts';
import type { CsvCell, CsvTable } from './csv.ts';
import { cutBasis, type ExportView } from './send-answer.ts';

export interface HistoryAnswer extends Basis {
  history: HistoryEntryWithChanges[];
}

const EVENT_COLUMNS = [
  'effectiveFrom', 'recordedAt', 'recordedBy', 'position', 'streamId', 'revision', 'type',
  'actId', 'actKind', 'actDate', 'actTitle', 'actUrl', 'sourceDocument', 'sourceLocation', 'qualifiers',
  'basisStatus', 'basisSourceIds', 'basisFrom', 'basisTo',
];

/** A value in one cell: text and numbers as they are, anything structured as JSON. */
export function valueCell(value: unknown): CsvCell {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);
}

function eventCells(entry: HistoryEntryWithChanges): CsvCell[] {
  const source = entry.provenance?.source;
  const qualifiers = entry.qualifiers ?? entry.provenance?.qualifiers;
  return [
    entry.effectiveFrom, entry.recordedAt, entry.recordedBy, entry.position, entry.streamId, entry.revision, entry.type,
    entry.act?.id, entry.act?.kind, entry.act?.date, entry.act?.title, entry.act?.url,
    source?.document, source?.location, qualifiers && qualifiers.length > 0 ? JSON.stringify(qualifiers) : null,
    entry.basis.status, entry.basis.sourceIds.join(' | '), entry.basis.period?.from, entry.basis.period?.to,
  ];
}

export function historyRows(answer: HistoryAnswer): CsvTable {
  const rows: CsvCell[][] = [];
  for (const entry of answer.history) {
    const event = eventCells(entry);
    const payload = JSON.stringify(entry.change);
    if (entry.changes.length === 0) rows.push([...event, null, null, null, payload]);
    for (const { field, before, after } of entry.changes) rows.push([...event, field, valueCell(before), valueCell(after), payload]);
  }
  return { columns: [...EVENT_COLUMNS, 'field', 'before', 'after', 'change'], rows };
}

export function historyExport(name: string): ExportView<HistoryAnswer> {
  return { name, toRows: historyRows, basis: cutBasis };
}
