/** Request body of POST /api/v1/orgs/:org/indicators/:indicatorId/measurements. */
import { z } from 'zod';
import { dateSchema, finiteNumberSchema, provenanceSchema, textSchema } from './common-schemas.ts';

export const recordMeasurementBodySchema = z.strictObject({
  value: finiteNumberSchema,
  measuredAt: dateSchema,
  note: textSchema.optional(),
  source: z.string().min(1).max(2000).optional(),
  provenance: provenanceSchema.optional(),
});
