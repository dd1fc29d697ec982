/**
 * Settings of the live SSE endpoint, from the environment (parsed with the rest of
 * src/config.ts, so a bad value stops the process at start-up naming the variable).
 */
import { z } from 'zod';
import type { LiveHubOptions } from './live-hub.ts';

export const liveConfigSchema = {
  /** Interval of `: heartbeat` comments on every open stream. */
  ORGTRAIL_LIVE_HEARTBEAT_MS: z.coerce.number().int().min(10).max(3_600_000).default(15_000),
  /** Per-client bound on messages waiting for a client that does not read; past it: resync. */
  ORGTRAIL_LIVE_CLIENT_BUFFER_MESSAGES: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  /** Per-client bound on bytes waiting for a client that does not read; past it: resync. */
  ORGTRAIL_LIVE_CLIENT_BUFFER_BYTES: z.coerce.number().int().min(1024).max(2 ** 30).default(2 ** 20),
  /** Live streams one client address may hold open at once; one more is answered 429. */
  ORGTRAIL_LIVE_MAX_STREAMS_PER_CLIENT: z.coerce.number().int().min(1).max(100_000).default(16),
};

export type LiveConfig = Required<Pick<LiveHubOptions, 'heartbeatMs' | 'maxQueuedMessages' | 'maxQueuedBytes' | 'maxStreamsPerClient'>>;

export function liveConfigOf(env: { [K in keyof typeof liveConfigSchema]: number }): LiveConfig {
  return {
    heartbeatMs: env.ORGTRAIL_LIVE_HEARTBEAT_MS,
    maxQueuedMessages: env.ORGTRAIL_LIVE_CLIENT_BUFFER_MESSAGES,
    maxQueuedBytes: env.ORGTRAIL_LIVE_CLIENT_BUFFER_BYTES,
    maxStreamsPerClient: env.ORGTRAIL_LIVE_MAX_STREAMS_PER_CLIENT,
  };
}
