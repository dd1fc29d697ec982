/**
 * Settings of the integrity checkpoints, from the environment (parsed with the rest of
 * src/config.ts, so a bad value stops the process at start-up naming the variable).
 */
import { z } from 'zod';

export const auditConfigSchema = {
  /** Record a checkpoint after this many appended events; 0: never by count. */
  ORGTRAIL_CHECKPOINT_EVERY: z.coerce.number().int().min(0).max(10_000_000).default(1_000),
  /** Record a checkpoint this often (seconds) if anything was appended since the last; 0: never by time. */
  ORGTRAIL_CHECKPOINT_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(604_800).default(600),
};

export interface AuditConfig {
  checkpointEveryEvents: number;
  checkpointIntervalMs: number;
}

export function auditConfigOf(env: { [K in keyof typeof auditConfigSchema]: number }): AuditConfig {
  return { checkpointEveryEvents: env.ORGTRAIL_CHECKPOINT_EVERY, checkpointIntervalMs: env.ORGTRAIL_CHECKPOINT_INTERVAL_SECONDS * 1_000 };
}
