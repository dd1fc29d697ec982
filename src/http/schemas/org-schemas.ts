/** Request body of POST /api/v1/orgs. */
import { z } from 'zod';
import { nameSchema, orgIdSchema, provenanceSchema } from './common-schemas.ts';

export const createOrgBodySchema = z.strictObject({
  orgId: orgIdSchema,
  name: nameSchema,
  provenance: provenanceSchema.optional(),
});
