/**
 * Query strings of the auditors' questions: diffs (two dates, or two instants on one date),
 * competency search and late recordings. Strict like every read query: an unknown parameter
 * is a 400 naming it. A diff names exactly one mode; a mixed or half-given pair is a 400
 * naming the offending field.
 */
import { z } from 'zod';
import { dateSchema, orgIdSchema } from './common-schemas.ts';
import { cutQuerySchema, exportFormatQuery, knownAtQuerySchema, pdoQuerySchema, evidenceFilterQuery, provenanceQuery } from './query-schemas.ts';

const { asKnownAt, asOfPosition } = knownAtQuerySchema.shape;
const { at } = cutQuerySchema.shape;

const integerParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const SYSTEM_TIME_FIELDS = ['asKnownFrom', 'asKnownTo', 'asOfPositionFrom', 'asOfPositionTo'] as const;
const MODES = 'compare two dates (from, to) or two instants on one date (asKnownFrom/asOfPositionFrom, asKnownTo/asOfPositionTo)';

const diffShape = {
  from: dateSchema.optional().meta({ description: 'Valid-time diff: the earlier date (Europe/Rome). With to.' }),
  to: dateSchema.optional().meta({ description: 'Valid-time diff: the later date; events with effectiveFrom in (from, to] explain the changes.' }),
  asKnownAt: asKnownAt.meta({ description: 'Valid-time diff: both dates as known at this instant (default: now).' }),
  asOfPosition: asOfPosition.meta({ description: 'Valid-time diff: both dates as of this global position (instead of asKnownAt).' }),
  at: at.meta({ description: 'System-time diff: the date both states are taken on (default: today).' }),
  asKnownFrom: asKnownAt.meta({ description: 'System-time diff: the earlier instant. With asKnownTo (or asOfPositionTo).' }),
  asKnownTo: asKnownAt.meta({ description: 'System-time diff: the later instant; events recorded in between explain the changes.' }),
  asOfPositionFrom: asOfPosition.meta({ description: 'System-time diff: the earlier position (instead of asKnownFrom).' }),
  asOfPositionTo: asOfPosition.meta({ description: 'System-time diff: the later position (instead of asKnownTo).' }),
  ...exportFormatQuery,
  ...provenanceQuery,
};

type DiffQuery = z.output<z.ZodObject<typeof diffShape>>;

function checkDiffMode(q: DiffQuery, ctx: z.RefinementCtx): void {
  const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
  const systemGiven = SYSTEM_TIME_FIELDS.filter((field) => q[field] !== undefined);
  if (q.from !== undefined || q.to !== undefined) {
    for (const field of systemGiven) issue(field, `cannot be combined with from/to: ${MODES}`);
    if (q.at !== undefined) issue('at', 'not used with from/to (the two dates are from and to); at goes with asKnownFrom/asKnownTo');
    if (q.from === undefined) issue('from', 'required with to');
    if (q.to === undefined) issue('to', 'required with from');
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) issue('from', 'must not be after to');
    return;
  }
  if (systemGiven.length === 0) return issue('from', `required: ${MODES}`);
  for (const field of ['asKnownAt', 'asOfPosition'] as const) {
    if (q[field] !== undefined) issue(field, 'only with from/to; a system-time diff takes asKnownFrom/asKnownTo (or asOfPositionFrom/asOfPositionTo)');
  }
  for (const [instant, position] of [['asKnownFrom', 'asOfPositionFrom'], ['asKnownTo', 'asOfPositionTo']] as const) {
    if (q[instant] === undefined && q[position] === undefined) issue(instant, `required: ${MODES}`);
    if (q[instant] !== undefined && q[position] !== undefined) issue(position, `cannot be combined with ${instant}`);
  }
  if (q.asKnownFrom !== undefined && q.asKnownTo !== undefined && Date.parse(q.asKnownFrom) > Date.parse(q.asKnownTo)) issue('asKnownFrom', 'must not be after asKnownTo');
  if (q.asOfPositionFrom !== undefined && q.asOfPositionTo !== undefined && q.asOfPositionFrom > q.asOfPositionTo) issue('asOfPositionFrom', 'must not be after asOfPositionTo');
}

export const orgChartDiffQuerySchema = z.strictObject(diffShape).superRefine(checkDiffMode);

export const pdoDiffQuerySchema = z
  .strictObject({
    ...diffShape,
    year: pdoQuerySchema.shape.year.meta({ description: 'Plan year compared (default: the year of to, or of at for a system-time diff).' }),
  })
  .superRefine(checkDiffMode);

export const competencySearchQuerySchema = z.strictObject({
  q: z.string().min(1, 'must not be empty').max(200).meta({ description: 'Words to find (all must match, as word prefixes; accents and case ignored).' }),
  at,
  asKnownAt,
  asOfPosition,
  limit: integerParam(1, 200).optional().meta({ description: 'At most this many matches (default 20).' }),
  ...evidenceFilterQuery,
});

export const backdatedQuerySchema = z.strictObject({
  org: orgIdSchema.optional().meta({ description: 'Only this org (default: all orgs).' }),
  minDays: integerParam(0, 100_000).optional().meta({ description: 'Changes recorded more than this many days after their effective date (default 30).' }),
  asKnownAt,
  asOfPosition,
});
