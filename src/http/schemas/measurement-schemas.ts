/** Request body of POST /api/v1/orgs/:org/indicators/:indicatorId/measurements. */
import { z } from 'zod';
import { dateSchema, finiteNumberSchema, provenanceSchema, textSchema } from './common-schemas.ts';
import { evidenceInputShape } from './evidence-schemas.ts';

export const recordMeasurementBodySchema = z.strictObject({
  value: finiteNumberSchema,
  measuredAt: dateSchema,
  note: textSchema.optional(),
  source: z.string().min(1).max(2000).optional(),
  provenance: provenanceSchema.optional(),
  /** No act: default basis attested (on measuredAt alone); enacted is refused (422 naming basis). */
  ...evidenceInputShape,
});
