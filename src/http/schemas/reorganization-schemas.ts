/** Request body of POST /api/v1/orgs/:org/reorganizations: one act, one effective date, its changes. */
import { z } from 'zod';
import { MAX_CHANGES_CEILING } from '../../commands/structure-limits.ts';
import { actSchema, dateSchema, idSchema, nameSchema, provenanceSchema, textSchema } from './common-schemas.ts';
import { evidenceInputShape } from './evidence-schemas.ts';

const change = <Op extends string, Shape extends z.ZodRawShape>(op: Op, shape: Shape) =>
  z.strictObject({ op: z.literal(op), ...shape });

export const changeSchema = z.discriminatedUnion('op', [
  change('establish', { unitId: idSchema, name: nameSchema, kind: nameSchema, parentId: idSchema.nullable().optional() }),
  change('rename', { unitId: idSchema, name: nameSchema }),
  change('move', { unitId: idSchema, parentId: idSchema.nullable() }),
  change('reclassify', { unitId: idSchema, kind: nameSchema }),
  change('dissolve', { unitId: idSchema, successorIds: z.array(idSchema).max(100).optional() }),
  change('assign-competency', { unitId: idSchema, competencyId: idSchema.optional(), text: textSchema }),
  change('withdraw-competency', { unitId: idSchema, competencyId: idSchema }),
  change('transfer-competency', { competencyId: idSchema, fromUnitId: idSchema, toUnitId: idSchema }),
  change('appoint-head', { unitId: idSchema, person: nameSchema, title: nameSchema.optional() }),
  change('vacate-head', { unitId: idSchema }),
]);

export const reorganizeBodySchema = z
  .strictObject({
    act: actSchema.optional().meta({ description: 'The act the changes come from; one of act and sourceId is required (unless basis is inferred).' }),
    effectiveFrom: dateSchema,
    // The configured limit (ORGTRAIL_MAX_REORGANIZATION_CHANGES, 422 naming it) is the command's; this is the schema's ceiling.
    changes: z.array(changeSchema).min(1).max(MAX_CHANGES_CEILING),
    provenance: provenanceSchema.optional(),
    ...evidenceInputShape,
  })
  .refine((body) => body.act !== undefined || body.sourceId !== undefined || body.basis === 'inferred', {
    message: 'give the act, the sourceId of a registered source, or basis inferred with its reason',
    path: ['act'],
  });
