import { ConfigError, isSet, parseInteger, type Env } from '../config-values.js';

/** Live events: the webhook routes' bounds, the pub/sub between replicas, subscription bounds. */
export interface LiveConfig {
  /** `REDIS_URL`: publish events through Redis so every replica's subscribers get them; null = one process. */
  redisUrl: string | null;
  /** The largest webhook body accepted (413 beyond it). */
  webhookMaxBodyBytes: number;
  /** Webhooks being verified at once; more get 503 (providers retry). */
  webhookConcurrency: number;
  /** How long a delivery id is remembered, so retries and replays publish once. */
  dedupeSeconds: number;
  /** How many delivery ids one process remembers (in memory; Redis keeps them with their TTL). */
  dedupeMaxIds: number;
  /** Events one subscriber may have waiting; past it the subscription ends with SUBSCRIPTION_OVERFLOW. */
  subscriptionBufferEvents: number;
  /** Subscriptions one process serves at once. */
  maxSubscriptions: number;
}

/** The live-event settings (README, "Live events"). */
export function parseLiveConfig(env: Env): LiveConfig {
  return {
    redisUrl: parseRedisUrl(env),
    webhookMaxBodyBytes: parseInteger(env, 'WEBHOOK_MAX_BODY_BYTES', 64 * 1024, 1_024, 10 * 1024 * 1024),
    webhookConcurrency: parseInteger(env, 'WEBHOOK_CONCURRENCY', 256, 1, 100_000),
    dedupeSeconds: parseInteger(env, 'WEBHOOK_DEDUPE_SECONDS', 600, 1, 7 * 86_400),
    dedupeMaxIds: parseInteger(env, 'WEBHOOK_DEDUPE_MAX_IDS', 100_000, 100, 10_000_000),
    subscriptionBufferEvents: parseInteger(env, 'SUBSCRIPTION_BUFFER_EVENTS', 256, 1, 100_000),
    maxSubscriptions: parseInteger(env, 'MAX_SUBSCRIPTIONS', 10_000, 1, 1_000_000),
  };
}

/** A `redis://` or `rediss://` URL (it may hold a password: never echoed). */
function parseRedisUrl(env: Env): string | null {
  if (!isSet(env.REDIS_URL)) return null;
  let url: URL;
  try {
    url = new URL(env.REDIS_URL.trim());
  } catch {
    throw new ConfigError('REDIS_URL is not a valid URL.');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL.');
  return env.REDIS_URL.trim();
}
