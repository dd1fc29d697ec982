/**
 * The security settings of the environment (parsed with the rest of src/config.ts, so a bad
 * value stops the process at start-up naming the variable).
 */
import { isIP } from 'node:net';
import { z } from 'zod';

/** Express's named ranges for `trust proxy` (proxy-addr). */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(item: string): boolean {
  if (NAMED_RANGES.has(item)) return true;
  const [address = '', prefix, ...rest] = item.split('/');
  if (rest.length > 0 || isIP(address) === 0) return false;
  return prefix === undefined || /^\d{1,3}$/.test(prefix);
}

/** false: never trust X-Forwarded-For; a number: that many hops; a list: those proxies' addresses. */
export type TrustProxy = false | number | string[];

const trustProxySchema = z
  .string()
  .max(2000)
  .default('false')
  .transform((value, ctx): TrustProxy => {
    const v = value.trim();
    if (v === 'false') return false;
    if (/^\d{1,2}$/.test(v)) return Number(v);
    const items = v.split(',').map((item) => item.trim());
    if (items.every(isProxyAddress)) return items;
    ctx.addIssue({ code: 'custom', message: 'must be false, a number of hops, or a comma list of addresses/CIDR ranges or loopback, linklocal, uniquelocal' });
    return z.NEVER;
  });

const corsOriginsSchema = z
  .string()
  .max(4000)
  .default('')
  .transform((value, ctx) => {
    const origins = value.split(',').map((o) => o.trim()).filter((o) => o !== '');
    for (const origin of origins) {
      let url: URL | undefined;
      try {
        url = new URL(origin);
      } catch {
        url = undefined;
      }
      if (!url || url.origin !== origin) ctx.addIssue({ code: 'custom', message: `${origin} is not an origin (scheme://host[:port], no path or trailing slash)` });
    }
    return origins;
  });

export const securityConfigSchema = {
  ORGTRAIL_PUBLIC_READS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true').transform((v) => v === 'true'),
  ORGTRAIL_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  ORGTRAIL_CORS_ORIGINS: corsOriginsSchema,
  ORGTRAIL_TRUST_PROXY: trustProxySchema,
};

export interface SecurityConfig {
  /** true: plain GET reads need no token; false: they need a reader token (or any higher role). */
  publicReads: boolean;
  /** Requests per minute per token (or per client address without one); 0 disables the limit. */
  rateLimitPerMinute: number;
  /** Origins allowed to call the API from a browser; empty: no CORS headers at all. */
  corsOrigins: string[];
  /** Which proxies' X-Forwarded-For is believed for the client address (rate limit). */
  trustProxy: TrustProxy;
}
