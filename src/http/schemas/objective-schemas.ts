/** Request bodies of the objective commands (define, revise, withdraw). */
import { z } from 'zod';
import { actSchema, dateSchema, finiteNumberSchema, idSchema, linkSchema, nameSchema, provenanceSchema, textSchema } from './common-schemas.ts';
import { evidenceInputShape } from './evidence-schemas.ts';

const yearKey = z.string().regex(/^\d{4}$/, 'must be a plan year (YYYY)');
const MAX_YEARS = 50;
const yearsInRange = (years: Record<string, unknown>) => Object.keys(years).length >= 1 && Object.keys(years).length <= MAX_YEARS;
const yearsMessage = `from 1 to ${MAX_YEARS} years (omit years for an objective that holds every year)`;

export const indicatorInputSchema = z.strictObject({
  indicatorId: idSchema,
  description: textSchema,
  kind: nameSchema.optional(),
  unit: z.string().min(1).max(50).optional(),
  target: finiteNumberSchema,
});

const matrixLabel = nameSchema.nullable().optional();
const MATRIX_FIELDS = ['programmaOperativo', 'dimension', 'driver'] as const;

export const matrixRowSchema = z
  .strictObject({
    programmaOperativo: matrixLabel,
    dimension: matrixLabel,
    driver: matrixLabel,
    year: z.number().int().min(1900).max(2200).nullable().optional().meta({ description: 'The plan year of the matrix.' }),
    line: z.number().int().min(1).nullable().optional().meta({ description: 'The line of the source document.' }),
  })
  .refine((row) => MATRIX_FIELDS.some((field) => row[field] != null), { message: `a matrix row names at least one of ${MATRIX_FIELDS.join(', ')}`, path: [] })
  .meta({ description: 'One row of the public-value matrix: its programma operativo, dimension and driver belong together.' });

export const planItemLinkSchema = z
  .strictObject({
    itemId: idSchema,
    basis: z.enum(['attested', 'inferred']).meta({ description: 'attested: the objective\'s text cites the item; inferred: derived, `reason` says how.' }),
    reason: z.string().min(1).max(2000).optional(),
  })
  .refine((link) => link.basis !== 'inferred' || link.reason !== undefined, { message: 'an inferred link needs its reason', path: ['reason'] });

const MAX_ROWS = 100;

export const defineObjectiveBodySchema = z.strictObject({
  objectiveId: idSchema,
  unitId: idSchema,
  title: textSchema,
  plan: nameSchema.optional(),
  years: z
    .record(yearKey, textSchema)
    .refine(yearsInRange, yearsMessage)
    .optional()
    .meta({ description: 'Statement per plan year; absent: the objective holds every year from effectiveFrom until withdrawn.' }),
  description: textSchema.optional().meta({ description: "The plan's detailed description of the objective." }),
  links: z.array(linkSchema).max(100).optional(),
  matrix: z.array(matrixRowSchema).max(MAX_ROWS).optional(),
  planItems: z.array(planItemLinkSchema).max(MAX_ROWS).optional().meta({ description: 'Links to items of the plan (POST /api/v1/orgs/{org}/plan-items first).' }),
  indicators: z.array(indicatorInputSchema).max(100).optional(),
  effectiveFrom: dateSchema,
  act: actSchema.optional(),
  provenance: provenanceSchema.optional(),
  ...evidenceInputShape,
});

const REVISABLE = ['title', 'unitId', 'years', 'description', 'links', 'matrix', 'planItems', 'indicators'] as const;

export const reviseObjectiveBodySchema = z
  .strictObject({
    title: textSchema.optional(),
    unitId: idSchema.optional(),
    years: z
      .record(yearKey, textSchema.nullable())
      .refine(yearsInRange, yearsMessage)
      .optional()
      .meta({ description: 'Merged per year: a string sets that year\'s statement, null removes the year.' }),
    description: textSchema.nullable().optional().meta({ description: 'null clears it.' }),
    links: z.array(linkSchema).max(100).optional().meta({ description: 'Replaces the whole list.' }),
    matrix: z.array(matrixRowSchema).max(MAX_ROWS).optional().meta({ description: 'Replaces the whole list.' }),
    planItems: z.array(planItemLinkSchema).max(MAX_ROWS).optional().meta({ description: 'Replaces the whole list.' }),
    indicators: z.array(indicatorInputSchema).max(100).optional().meta({ description: 'New ids are defined; known ids get their changed fields revised.' }),
    effectiveFrom: dateSchema,
    act: actSchema.optional(),
    reason: textSchema.optional(),
    provenance: provenanceSchema.optional(),
    ...evidenceInputShape,
  })
  .refine((body) => REVISABLE.some((key) => body[key] !== undefined), {
    message: `a revision changes at least one of ${REVISABLE.join(', ')}`,
    path: [],
  });

export const withdrawObjectiveBodySchema = z.strictObject({
  effectiveFrom: dateSchema,
  reason: textSchema,
  act: actSchema.optional(),
  provenance: provenanceSchema.optional(),
  ...evidenceInputShape,
});

export const definePlanItemBodySchema = z.strictObject({
  itemId: idSchema,
  plan: nameSchema.meta({ description: 'The plan, as its objectives name it (`plan`), e.g. PDO 2024-2026.' }),
  kind: nameSchema.meta({ description: 'e.g. dimensione-strategica, obiettivo-trasversale.' }),
  code: z.string().min(1).max(200).optional(),
  title: textSchema,
  description: textSchema.optional(),
  effectiveFrom: dateSchema,
  act: actSchema.optional(),
  provenance: provenanceSchema.optional(),
  ...evidenceInputShape,
});
