/** Request body of POST /api/v1/orgs/:org/acts/:actId/annul: the reason and the annulling act. */
import { z } from 'zod';
import { actSchema, provenanceSchema, textSchema } from './common-schemas.ts';

export const annulActBodySchema = z.strictObject({
  reason: textSchema.meta({ description: 'Why the act is annulled (e.g. the ruling that annulled it).' }),
  act: actSchema.meta({ description: 'The annulling act; its date, if given, is the effective date of the annulment.' }),
  provenance: provenanceSchema.optional(),
});
