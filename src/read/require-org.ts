import type { OrgModels, ReadModels } from '../../projections/read-models.ts';
import { NotFoundError } from '../errors.ts';

/** The org's read models as known at maxPosition; an org unknown there is a 404. */
export function requireOrg(models: ReadModels, orgId: string, maxPosition: number): OrgModels {
  const org = models.org(orgId, maxPosition);
  if (!org) throw new NotFoundError(`org ${orgId} does not exist (as known at position ${maxPosition})`);
  return org;
}
