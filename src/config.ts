/**
 * Typed configuration, parsed once at start-up from the environment. Any invalid value
 * stops the process with a message naming the variable.
 */
import { z } from 'zod';
import { auditConfigOf, auditConfigSchema, type AuditConfig } from './audit/audit-config.ts';
import { securityConfigSchema, type SecurityConfig } from './http/security/security-config.ts';
import { liveConfigOf, liveConfigSchema, type LiveConfig } from './live/live-config.ts';
import { CONNECTION_STRING_SCHEMES, isSupportedConnectionString } from './store/eventstoredb/esdb-connection-string.ts';

/** EventStoreDB / KurrentDB connection strings (src/store/eventstoredb/esdb-connection-string.ts). */
const connectionStringSchema = z.string().refine(isSupportedConnectionString, `must start with ${CONNECTION_STRING_SCHEMES.join(', ')}`);
import { structureLimitsOf, structureLimitsSchema, type StructureLimits } from './commands/structure-limits.ts';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  ORGTRAIL_DATA_DIR: z.string().min(1).default('./data'),
  ESDB_CONNECTION_STRING: connectionStringSchema.optional(),
  /** KurrentDB 25's name for it; the same value, accepted when ESDB_CONNECTION_STRING is unset. */
  KURRENTDB_CONNECTION_STRING: connectionStringSchema.optional(),
  ORGTRAIL_SEED: z.enum(['auto', 'none']).default('auto'),
  ORGTRAIL_ADMIN_TOKEN: z
    .string()
    .min(32, 'must be at least 32 characters (use a random secret)')
    .max(512)
    .regex(/^[A-Za-z0-9\-._~+/]+=*$/, 'must be a bearer token: A-Z a-z 0-9 - . _ ~ + / and trailing = only (e.g. openssl rand -base64 32)')
    .optional(),
  ...securityConfigSchema,
  ...liveConfigSchema,
  ...auditConfigSchema,
  ...structureLimitsSchema,
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Set (ESDB_CONNECTION_STRING or KURRENTDB_CONNECTION_STRING): EventStoreDB / KurrentDB; unset: the embedded SQLite store in dataDir. */
  esdbConnectionString: string | undefined;
  /** auto: import the seeds into an empty store at start; none: start empty. */
  seed: 'auto' | 'none';
  /** Bootstrap admin bearer token (a secret, never logged); unset: no admin until one is configured. */
  adminToken: string | undefined;
  /** Public reads, CORS, rate limit, proxies (src/http/security/security-config.ts). */
  security: SecurityConfig;
  /** Heartbeat and per-client bounds of the live SSE endpoint (src/live/live-config.ts). */
  live: LiveConfig;
  /** Integrity checkpoints: every N events and/or every interval (src/audit/audit-config.ts). */
  audit: AuditConfig;
  /** Deepest unit tree and largest reorganisation a command may produce (src/commands/structure-limits.ts). */
  structure: StructureLimits;
}

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = configSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.ESDB_CONNECTION_STRING !== undefined && c.KURRENTDB_CONNECTION_STRING !== undefined && c.ESDB_CONNECTION_STRING !== c.KURRENTDB_CONNECTION_STRING) {
    throw new ConfigError('invalid configuration:\n  KURRENTDB_CONNECTION_STRING: differs from ESDB_CONNECTION_STRING; set only one of them');
  }
  return { port: c.PORT, host: c.HOST, dataDir: c.ORGTRAIL_DATA_DIR, esdbConnectionString: c.ESDB_CONNECTION_STRING ?? c.KURRENTDB_CONNECTION_STRING, seed: c.ORGTRAIL_SEED, adminToken: c.ORGTRAIL_ADMIN_TOKEN,
    security: { publicReads: c.ORGTRAIL_PUBLIC_READS, rateLimitPerMinute: c.ORGTRAIL_RATE_LIMIT, corsOrigins: c.ORGTRAIL_CORS_ORIGINS, trustProxy: c.ORGTRAIL_TRUST_PROXY },
    live: liveConfigOf(c), audit: auditConfigOf(c), structure: structureLimitsOf(c) };
}
