/**
 * Sends a read's answer as JSON (default) or as a CSV export, chosen by `format=csv|json` in
 * the query string or, without it, by `Accept: text/csv`. Every answer carries its basis (the
 * cut it was taken at: at, asKnownAt, position; for a diff, its two cuts): the JSON body has
 * it as fields; the CSV repeats it on every row in trailing `basis…` columns (basisAt,
 * basisAsKnownAt, basisPosition), so that a filtered or copied sheet keeps it; both carry it
 * in the `X-Orgtrail-Basis` header. An export (CSV, or an explicit `format=json`) is an
 * attachment named after org, view and basis.
 */
import type { Request, Response } from 'express';
import type { Basis } from '../../read/resolve-cut.ts';
import { CSV_CONTENT_TYPE, toCsv, type CsvCell, type CsvTable } from './csv.ts';

/** The basis of an answer: its fields (in order) and the part of the file name naming it. */
export interface AnswerBasis {
  fields: Record<string, string | number | null>;
  fileLabel: string;
}

/** How one read view becomes rows; `name` names the view in the file name (e.g. `org-chart`). */
export interface ExportView<A> {
  name: string;
  toRows(answer: A): CsvTable;
  basis(answer: A): AnswerBasis;
}

export type ExportFormat = 'json' | 'csv';

export const BASIS_HEADER = 'X-Orgtrail-Basis';

/** The basis of a read at one cut; `at` is null (file label `all-dates`) for answers spanning valid time. */
export function cutBasis({ at, asKnownAt, position }: Basis): AnswerBasis {
  return { fields: { at, asKnownAt, position }, fileLabel: `${at ?? 'all-dates'}_p${position}` };
}

export function exportFormatOf(req: Request): { format: ExportFormat; explicit: boolean } {
  const format = req.query['format'];
  if (format === 'csv' || format === 'json') return { format, explicit: true };
  return { format: req.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json', explicit: false };
}

export function basisHeaderOf({ fields }: AnswerBasis): string {
  return Object.entries(fields)
    .map(([name, value]) => `${name}=${value ?? ''}`)
    .join('; ');
}

/** `<org>_<view>_<basis label>.<ext>`, restricted to [A-Za-z0-9._-] so it needs no escaping. */
export function exportFileName(org: string | undefined, view: string, basis: AnswerBasis, format: ExportFormat): string {
  const name = [org, view, basis.fileLabel].filter((part) => part !== undefined && part !== '').join('_');
  return `${name.replace(/[^A-Za-z0-9._-]/g, '-')}.${format}`;
}

export function withBasisColumns(table: CsvTable, { fields }: AnswerBasis): CsvTable {
  const names = Object.keys(fields).map((name) => `basis${name[0]!.toUpperCase()}${name.slice(1)}`);
  const values: CsvCell[] = Object.values(fields);
  return { columns: [...table.columns, ...names], rows: table.rows.map((row) => [...row, ...values]) };
}

function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}

export function sendAnswer<A>(req: Request, res: Response, answer: A, view: ExportView<A>): void {
  const { format, explicit } = exportFormatOf(req);
  const basis = view.basis(answer);
  res.vary('Accept');
  res.set(BASIS_HEADER, basisHeaderOf(basis));
  const org = typeof req.params['org'] === 'string' ? req.params['org'] : undefined;
  if (format === 'json') {
    if (explicit) res.set('Content-Disposition', attachment(exportFileName(org, view.name, basis, 'json')));
    res.json(answer);
    return;
  }
  res.set('Content-Disposition', attachment(exportFileName(org, view.name, basis, 'csv')));
  res.type(CSV_CONTENT_TYPE).send(toCsv(withBasisColumns(view.toRows(answer), basis)));
}
