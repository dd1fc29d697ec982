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
  links: z.array(linkSchema).max(100).optional(),
  indicators: z.array(indicatorInputSchema).max(100).optional(),
  effectiveFrom: dateSchema,
  act: actSchema.optional(),
  provenance: provenanceSchema.optional(),
  ...evidenceInputShape,
});

const REVISABLE = ['title', 'unitId', 'years', 'links', 'indicators'] as const;

export const reviseObjectiveBodySchema = z
  .strictObject({
    title: textSchema.optional(),
    unitId: idSchema.optional(),
    years: z
      .record(yearKey, textSchema.nullable())
      .refine(yearsInRange, yearsMessage)
      .optional()
      .meta({ description: 'Merged per year: a string sets that year\'s statement, null removes the year.' }),
    links: z.array(linkSchema).max(100).optional().meta({ description: 'Replaces the whole list.' }),
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
