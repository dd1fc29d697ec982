/**
 * Sends a read's answer as JSON (default), CSV or XLSX: the format decided once for the request
 * (answer-format.ts: `format=` or, without it, `Accept`) and authorised by the access policy.
 * CSV takes `sep=comma|semicolon` (csv.ts). Every answer carries its basis (the
 * cut it was taken at: at, asKnownAt, position; for a diff, its two cuts): the JSON body has
 * it as fields; the CSV repeats it on every row in trailing `basis…` columns (basisAt,
 * basisAsKnownAt, basisPosition), so that a filtered or copied sheet keeps it; both carry it
 * in the `X-Orgtrail-Basis` header. An export (CSV, XLSX, or an explicit `format=json`) is an
 * attachment named after org, view and basis.
 */
import type { Request, Response } from 'express';
import { BadRequestError, NotAcceptableError } from '../../errors.ts';
import type { Basis } from '../../read/resolve-cut.ts';
import { ANSWER_MEDIA_TYPES, decideAnswerFormat, type AnswerFormat } from './answer-format.ts';
import { CSV_CONTENT_TYPE, CSV_SEPARATORS, toCsv, type CsvCell, type CsvSeparator, type CsvTable } from './csv.ts';
import { toXlsx } from './xlsx.ts';
import { basisKey, matchesIfNoneMatch, readEtag, readRequestKey, sendNotModified, setReadValidators } from '../answers/read-etag.ts';
import { sendBody } from '../answers/send-body.ts';

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
  /** The JSON text, where JSON.stringify cannot be trusted with the answer (a deep tree); undefined: res.json. */
  toJson?(answer: A): string | undefined;
}

export const BASIS_HEADER = 'X-Orgtrail-Basis';

/** The basis of a read at one cut; `at` is null (file label `all-dates`) for answers spanning valid time. */
export function cutBasis({ at, asKnownAt, position }: Basis): AnswerBasis {
  return { fields: { at, asKnownAt, position }, fileLabel: `${at ?? 'all-dates'}_p${position}` };
}

export function basisHeaderOf({ fields }: AnswerBasis): string {
  return Object.entries(fields)
    .map(([name, value]) => `${name}=${value ?? ''}`)
    .join('; ');
}

/** `<org>_<view>_<basis label>.<ext>`, restricted to [A-Za-z0-9._-] so it needs no escaping. */
export function exportFileName(org: string | undefined, view: string, basis: AnswerBasis, format: AnswerFormat): string {
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

/** `sep` of a CSV answer; the query schema has checked its value, this checks it goes with CSV. */
function csvSeparatorOf(req: Request, format: AnswerFormat): CsvSeparator {
  const sep = req.query['sep'];
  if (sep === undefined) return 'comma';
  if (format !== 'csv') throw new BadRequestError('sep applies to CSV answers only', [{ field: 'sep', message: `the answer is ${format}, not csv` }]);
  return CSV_SEPARATORS.find((separator) => separator === sep) ?? 'comma';
}

export async function sendAnswer<A>(req: Request, res: Response, answer: A, view: ExportView<A>): Promise<void> {
  const { format, explicit } = decideAnswerFormat(req);
  const separator = csvSeparatorOf(req, format);
  const basis = view.basis(answer);
  res.vary('Accept');
  res.set(BASIS_HEADER, basisHeaderOf(basis));
  const org = typeof req.params['org'] === 'string' ? req.params['org'] : undefined;
  const file = attachment(exportFileName(org, view.name, basis, format));
  // The answer's basis decides it: same query, valid date and position → same ETag → 304.
  if (format !== 'pdf') {
    setReadValidators(req, res, readEtag(`${readRequestKey(req, format)}|${basisKey(basis.fields)}`));
    if (matchesIfNoneMatch(req, res.get('ETag')!)) return sendNotModified(res);
  }
  switch (format) {
    case 'json':
      if (explicit) res.set('Content-Disposition', file);
      await sendBody(req, res, Buffer.from(view.toJson?.(answer) ?? JSON.stringify(answer)), 'application/json');
      return;
    case 'csv':
      res.set('Content-Disposition', file);
      await sendBody(req, res, Buffer.from(toCsv(withBasisColumns(view.toRows(answer), basis), separator)), CSV_CONTENT_TYPE);
      return;
    case 'xlsx': {
      const workbook = await toXlsx([{ name: view.name, table: withBasisColumns(view.toRows(answer), basis) }], basis.fields);
      res.set('Content-Disposition', file);
      res.type(ANSWER_MEDIA_TYPES.xlsx).send(workbook);
      return;
    }
    case 'pdf':
      throw new NotAcceptableError(`${view.name} has no PDF form; ask for JSON, CSV or XLSX`);
    default: {
      const unknown: never = format;
      throw new Error(`no renderer for the answer format ${String(unknown)}`);
    }
  }
}
