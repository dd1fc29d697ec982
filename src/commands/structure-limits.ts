/**
 * Bounds on the structure an org chart may reach and on one reorganisation, from the
 * environment (parsed with the rest of src/config.ts, so a bad value stops the process at
 * start-up naming the variable). A command that would exceed either is refused with 422
 * naming the limit; together they bound the cost of deciding one command (docs/structure-limits.md).
 */
import { z } from 'zod';

/** The largest reorganisation the HTTP schema accepts whatever the configuration (the body limit allows about this many). */
export const MAX_CHANGES_CEILING = 2_000;

export const structureLimitsSchema = {
  /** Levels of the unit tree (a root is level 1): no change may place a unit deeper. */
  ORGTRAIL_MAX_UNIT_DEPTH: z.coerce.number().int().min(2).max(1_000).default(32),
  /** Changes in one reorganisation. */
  ORGTRAIL_MAX_REORGANIZATION_CHANGES: z.coerce.number().int().min(1).max(MAX_CHANGES_CEILING).default(500),
};

export interface StructureLimits {
  maxUnitDepth: number;
  maxReorganizationChanges: number;
}

export const DEFAULT_STRUCTURE_LIMITS: StructureLimits = { maxUnitDepth: 32, maxReorganizationChanges: 500 };

export function structureLimitsOf(env: { [K in keyof typeof structureLimitsSchema]: number }): StructureLimits {
  return { maxUnitDepth: env.ORGTRAIL_MAX_UNIT_DEPTH, maxReorganizationChanges: env.ORGTRAIL_MAX_REORGANIZATION_CHANGES };
}
