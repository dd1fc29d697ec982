/**
 * Rate limit: a token bucket per token (per client address for requests without a valid
 * token), holding `perMinute` requests and refilled continuously at `perMinute` a minute.
 * An empty bucket answers 429 with Retry-After (seconds until one request is available).
 * A live SSE stream is one request, so it counts once however long it stays open.
 *
 * Time: a monotonic clock in milliseconds (performance.now), never the app's domain clock.
 */
import type { RequestHandler } from 'express';
import { sendProblem } from '../problem.ts';
import { principalOf } from '../auth/principal.ts';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Above this many buckets, full ones (idle clients) are dropped: memory stays bounded by active clients. */
const SWEEP_ABOVE = 10_000;

export function rateLimit({ perMinute, now = () => performance.now() }: { perMinute: number; now?: () => number }): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();

  function take(key: string, at: number): number {
    const bucket = buckets.get(key) ?? { tokens: perMinute, updatedAt: at };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.updatedAt) * perMs);
    bucket.updatedAt = at;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) return Math.ceil((1 - bucket.tokens) / perMs / 1000);
    bucket.tokens -= 1;
    return 0;
  }

  function sweep(at: number): void {
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + (at - bucket.updatedAt) * perMs >= perMinute) buckets.delete(key);
    }
  }

  return (req, res, next) => {
    const at = now();
    if (buckets.size > SWEEP_ABOVE) sweep(at);
    const principal = principalOf(req);
    const key = principal ? `token:${principal.tokenId}` : `address:${req.ip ?? 'unknown'}`;
    const retryAfterSeconds = take(key, at);
    if (retryAfterSeconds === 0) return next();
    res.set('Retry-After', String(Math.max(1, retryAfterSeconds)));
    sendProblem(res, 429, 'too_many_requests', `more than ${perMinute} requests a minute; retry after ${Math.max(1, retryAfterSeconds)} s`, [{ field: principal ? 'Authorization' : 'address', message: 'rate limit exceeded' }]);
  };
}
