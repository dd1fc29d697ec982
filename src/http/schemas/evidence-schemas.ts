/**
 * Request bodies of the evidence commands (POST /sources, POST /orgs/:org/attestations) and the
 * evidence members every reorganisation and objective command accepts. Rules: docs/evidence.md.
 */
import { z } from 'zod';
import { BASES } from '../../../events/schemas/fragments.ts';
import { dateSchema, idSchema, nameSchema, orgIdSchema, textSchema } from './common-schemas.ts';
export const EVIDENCE_STATUSES = ['enacted', 'attested', 'carried-forward', 'announced', 'inferred'] as const;

export const periodSchema = z
  .strictObject({ from: dateSchema, to: dateSchema })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] });

/** Members added to reorganisation and objective bodies; checked against the registry by the command. */
export const evidenceInputShape = {
  sourceId: idSchema.optional().meta({ description: 'A source registered for the org (POST /sources). Required for basis attested and announced.' }),
  basis: z.enum(BASES).optional().meta({ description: 'How the change is known. Default: enacted when an act is given, attested otherwise.' }),
  basisReason: z.string().min(1).max(2000).optional().meta({ description: 'Required for basis inferred: why.' }),
  inferredFrom: z.array(idSchema).max(20).optional().meta({ description: 'For basis inferred: the registered sources the inference rests on.' }),
  attestedPeriod: periodSchema.optional().meta({ description: "For basis attested: the dates the source shows it. Default: the source's period when it contains effectiveFrom, else that day." }),
};

export const registerSourceBodySchema = z
  .strictObject({
    sourceId: idSchema,
    orgId: orgIdSchema,
    title: z.string().min(1).max(1000),
    kind: z.string().min(1).max(100).meta({ description: 'delibera, determinazione, decreto, regolamento, piano, articolo, report, dataset...' }),
    legalEffect: z.boolean().optional().meta({ description: 'Whether it enacts changes. Default: true for delibera, determinazione, decreto, regolamento.' }),
    issuedOn: dateSchema.optional(),
    period: periodSchema.optional(),
    dateQualifier: z.strictObject({ kind: z.enum(['approximate', 'inferred']), reason: z.string().min(1).max(2000) }).optional(),
    location: z
      .strictObject({
        file: nameSchema.optional(),
        lines: z
          .array(z.strictObject({ from: z.number().int().min(1), to: z.number().int().min(1) }).refine((l) => l.from <= l.to, { message: 'from must not be after to', path: ['to'] }))
          .max(1000)
          .optional(),
        url: z.string().max(2000).optional(),
      })
      .optional(),
    scope: z
      .strictObject({ kind: z.enum(['complete-structure', 'complete-plan', 'mentions']), rootUnitId: idSchema.optional() })
      .optional()
      .meta({ description: 'complete-structure: it lists every unit (below rootUnitId); complete-plan: every objective of its period; mentions (default): only parts.' }),
  })
  .refine((body) => body.issuedOn !== undefined || body.period !== undefined, { message: 'give issuedOn, period or both', path: ['issuedOn'] });

export const attestationBodySchema = z
  .strictObject({
    sourceId: idSchema,
    on: dateSchema.optional(),
    period: periodSchema.optional(),
    units: z.array(z.strictObject({ unitId: idSchema, name: nameSchema.optional(), parentId: idSchema.nullable().optional(), kind: nameSchema.optional() })).max(1000),
    competencies: z.array(z.strictObject({ competencyId: idSchema, unitId: idSchema, text: textSchema.optional() })).max(5000).optional(),
    heads: z.array(z.strictObject({ unitId: idSchema, person: nameSchema, title: nameSchema.optional() })).max(1000).optional(),
  })
  .refine((body) => body.on === undefined || body.period === undefined, { message: 'give on or period, not both', path: ['period'] })
  .refine((body) => body.units.length + (body.competencies?.length ?? 0) + (body.heads?.length ?? 0) > 0, {
    message: 'an attestation names at least one unit, competency or head',
    path: ['units'],
  });

/** `evidence=attested,enacted`: the statuses to keep. */
export const evidenceFilterSchema = z
  .string()
  .max(200)
  .transform((value) => value.split(',').map((s) => s.trim()))
  .pipe(z.array(z.enum(EVIDENCE_STATUSES)).min(1))
  .meta({ description: `Comma-separated statuses to keep: ${EVIDENCE_STATUSES.join(', ')}.` });
