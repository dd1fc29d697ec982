/**
 * Query strings and path parameters of the read routes. Query objects are strict: an unknown
 * parameter (a typo such as `asknownat`) is a 400 naming it, never silently ignored.
 */
import { z } from 'zod';
import { ANSWER_FORMATS, TABLE_FORMATS } from '../export/answer-format.ts';
import { CSV_SEPARATORS } from '../export/csv.ts';
import { dateSchema, idSchema, instantSchema, orgIdSchema } from './common-schemas.ts';
import { evidenceFilterSchema } from './evidence-schemas.ts';
import { OBJECTIVE_FIELDS, UNIT_FIELDS } from '../../read/select-fields.ts';

const knownAt = {
  asKnownAt: instantSchema.optional().meta({ description: 'System time: answer as known at this instant (default: now).' }),
  asOfPosition: z
    .string()
    .regex(/^(-1|0|[1-9]\d{0,14})$/, 'must be an integer >= -1')
    .transform(Number)
    .optional()
    .meta({ description: 'System time, exactly: answer as of this global position (an alternative to asKnownAt).' }),
};
const at = { at: dateSchema.optional().meta({ description: 'Valid time: the calendar date (Europe/Rome) to answer for (default: today).' }) };
/** Reads that can be exported (src/http/export/send-answer.ts): json (default), csv or xlsx, also chosen by `Accept`. */
export const exportFormatQuery = {
  format: z
    .enum(TABLE_FORMATS)
    .optional()
    .meta({ description: 'Answer as json (default), or as a CSV or XLSX export. Without it, Accept chooses (text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).' }),
  sep: z
    .enum(CSV_SEPARATORS)
    .optional()
    .meta({ description: 'CSV only: comma (default) or semicolon, the dialect of Excel in Italian (";" between fields, "," as decimal mark).' }),
};
/** Reads that can name, for every fact, the events that produced it (src/read/provenance*.ts); auditors only. */
export const provenanceQuery = {
  provenance: z
    .stringbool({ truthy: ['true', '1'], falsy: ['false', '0'], error: 'must be true or false' })
    .optional()
    .meta({ description: 'true: every fact carries the event that produced it (act, recorder, times, source, approximate/inferred qualifiers).' }),
};

/** Filters on how facts are known (docs/evidence.md): org chart, PDO, competencies and their exports. */
export const evidenceFilterQuery = {
  evidence: evidenceFilterSchema.optional(),
  attestedWithinDays: z
    .string()
    .regex(/^(0|[1-9]\d{0,5})$/, 'must be a whole number of days (0 to 999999)')
    .transform(Number)
    .optional()
    .meta({ description: 'Drops carried-forward facts last attested more than this many days before at.' }),
};

/** `fields=a,b`: only these fields of each item (its identity is always kept); an unknown name is a 400 naming `fields`. */
function fieldsQuery<const N extends readonly string[]>(names: N, identity: string) {
  return z
    .string()
    .max(300, 'must be at most 300 characters')
    .transform((value, ctx) => {
      const list = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
      const unknown = list.filter((name) => !names.includes(name));
      if (list.length === 0 || unknown.length > 0) {
        ctx.addIssue({ code: 'custom', message: `${unknown.length > 0 ? `unknown field ${unknown.join(', ')}` : 'no field named'}; give a comma-separated list of ${names.join(', ')}` });
        return z.NEVER;
      }
      return list as N[number][];
    })
    .optional()
    .meta({ description: `JSON only: return only these fields of each item, comma-separated (${names.join(', ')}); ${identity} always. Default: every field. E.g. leave out competencies to shrink the answer.` });
}

/** Reads across valid time (lists, histories): system time only. */
export const knownAtQuerySchema = z.strictObject({ ...knownAt, ...exportFormatQuery });

/** Histories: system time only; before/after of each change; provenance on demand. */
export const historyQuerySchema = z.strictObject({ ...knownAt, ...exportFormatQuery, ...provenanceQuery });

/** Acts of an org (list and one act): system time only. */
export const actsQuerySchema = z.strictObject(knownAt);

/** Reads of one state: valid and system time. */
export const cutQuerySchema = z.strictObject({ ...at, ...knownAt, ...provenanceQuery });

/** One unit on a date: a cut, and the evidence filters (on the unit and its competencies). */
export const unitQuerySchema = z.strictObject({ ...at, ...knownAt, ...provenanceQuery, ...evidenceFilterQuery });


export const orgChartQuerySchema = z.strictObject({
  ...at,
  ...knownAt,
  ...exportFormatQuery,
  format: z.enum(ANSWER_FORMATS).optional().meta({ description: 'Answer as json (default), as an export (also chosen by Accept), or as a PDF document (format=pdf or Accept: application/pdf).' }),
  ...provenanceQuery,
  ...evidenceFilterQuery,
  shape: z.enum(['flat', 'tree']).optional().meta({ description: 'tree nests units as children of their parent.' }),
  competencies: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .transform((value) => value === 'true' || value === '1')
    .optional()
    .meta({ description: 'PDF only: list each unit\'s competencies under it (default false).' }),
  paper: z
    .enum(['a4', 'a3', 'A4', 'A3'], { error: 'must be a4 or a3' })
    .transform((value) => value.toUpperCase() as 'A4' | 'A3')
    .optional()
    .meta({ description: 'PDF only: the sheet, always landscape (default: A3 above 60 units, else A4).' }),
  fields: fieldsQuery(UNIT_FIELDS, 'unitId and parentId'),
});

export const pdoQuerySchema = z.strictObject({
  year: z
    .string()
    .regex(/^\d{4}$/, 'must be a year (YYYY)')
    .transform(Number)
    .pipe(z.number().int().min(1900, 'must be 1900 or later').max(2200, 'must be 2200 or earlier'))
    .optional()
    .meta({ description: 'Plan year (default: the year of at).' }),
  ...at,
  ...knownAt,
  ...exportFormatQuery,
  ...provenanceQuery,
  ...evidenceFilterQuery,
  unitId: idSchema.optional().meta({ description: 'Only the objectives of this unit.' }),
  fields: fieldsQuery(OBJECTIVE_FIELDS, 'objectiveId'),
});

export const measurementsQuerySchema = z
  .strictObject({
    from: dateSchema.optional().meta({ description: 'Measurements with measuredAt on or after this date.' }),
    to: dateSchema.optional().meta({ description: 'Measurements with measuredAt on or before this date.' }),
    ...knownAt,
    ...exportFormatQuery,
    ...provenanceQuery,
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'must not be after to', path: ['from'] });

export const orgParamsSchema = z.strictObject({ org: orgIdSchema });
export const unitParamsSchema = z.strictObject({ org: orgIdSchema, unitId: idSchema });
export const objectiveParamsSchema = z.strictObject({ org: orgIdSchema, objectiveId: idSchema });
export const sourceParamsSchema = z.strictObject({ sourceId: idSchema });
export const indicatorParamsSchema = z.strictObject({ org: orgIdSchema, indicatorId: idSchema });
/** Act ids are free text (the metadata's act.id, up to 200 characters): URL-encode them in the path. */
export const actParamsSchema = z.strictObject({ org: orgIdSchema, actId: z.string().min(1).max(200) });
